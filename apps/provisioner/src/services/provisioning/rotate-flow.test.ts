import { describe, expect, it } from 'vitest';

import { provisioningWorld } from '../../../test/doubles/provisioning-world.js';
import { ClusterError } from '../../domain/errors.js';
import type { JobManifest } from '../../ports/kube-client.js';
import { runCreate } from './create-flow.js';
import { runRotateSecrets } from './rotate-flow.js';

type World = ReturnType<typeof provisioningWorld>;

/** A running store "shop" (WooCommerce unless said), created by the create flow: its Secret v1 exists. */
async function runningStore(world: World, engine: 'woocommerce' | 'medusa' = 'woocommerce') {
  const created = await world.newStore('shop', engine);
  await runCreate(world.deps, created.operation, created.store);
}

/** Starts and runs a rotation as the API and the worker would; returns it and the store after. */
async function rotate(world: World, what: string) {
  const { store, operation } = await world.repository.startOperation({
    name: 'shop',
    kind: 'rotate-secrets',
    actor: 'olivia',
    request: { what },
  });
  await runRotateSecrets(world.deps, operation, store);
  return {
    operation: await world.repository.getOperation(operation.id),
    store: await world.repository.getStore('shop'),
  };
}

const progress = (operation: { steps: { name: string; status: string }[] } | undefined) =>
  operation?.steps.map((s) => `${s.name}: ${s.status}`);
const secrets = (world: World) => world.kube.namespaces.get('store-shop')?.secrets;
/** The env of a Job the flow made, by name: literal values and secretKeyRefs. */
const envOf = (job: JobManifest | undefined) =>
  (
    job?.spec as {
      template: { spec: { containers: { env: { name: string; value?: string; valueFrom?: unknown }[] }[] } };
    }
  ).template.spec.containers[0]?.env;

describe('secret rotation: database', () => {
  it('makes v2 with a new user and password, creates the user, rolls the release to v2, then drops the old user', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    const v1 = { ...secrets(world)?.get('shop-credentials') };
    // What Helm had done when each Job was made: the old user goes only after the rollout.
    const upgradedWhenMade = new Map<string, boolean>();
    world.kube.jobOutcomeOnCreate = (job) => {
      upgradedWhenMade.set(
        job.metadata.name,
        world.helm.calls.some((c) => c.startsWith('upgrade ')),
      );
      return 'Completed';
    };
    const { operation, store } = await rotate(world, 'database');

    expect(operation?.phase).toBe('succeeded');
    expect(progress(operation)).toEqual([
      'prepare: done',
      'database-user: done',
      'rollout: done',
      'admin-password: skipped',
      'retire: done',
      'revert: skipped',
    ]);
    const v2 = secrets(world)?.get('shop-credentials-v2');
    expect(v2).toMatchObject({ 'db-user': 'wp_r2', 'db-root-password': v1['db-root-password'] });
    expect(v2?.['db-password']).not.toBe(v1['db-password']);
    expect(v2?.['wp-auth-key']).toBe(v1['wp-auth-key']);
    expect(world.helm.installs.at(-1)?.values).toMatchObject({ 'secrets.version': 2 });
    expect(Object.fromEntries(upgradedWhenMade)).toEqual({
      'shop-rotate-db-user-v2': false,
      'shop-rotate-retire-v2': true,
    });
    const created = envOf(world.kube.jobs.get('store-shop/shop-rotate-db-user-v2'));
    expect(created).toContainEqual({
      name: 'NEW_DB_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'shop-credentials-v2', key: 'db-password' } },
    });
    expect(created).toContainEqual({
      name: 'DB_ROOT_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'shop-credentials', key: 'db-root-password' } },
    });
    expect(envOf(world.kube.jobs.get('store-shop/shop-rotate-retire-v2'))).toContainEqual({
      name: 'OLD_DB_USER',
      value: 'wordpress',
    });
    expect(store?.secretVersion).toBe(2);
    expect(await world.repository.listSecretVersions('shop')).toMatchObject([
      { version: 2, what: 'database', actor: 'olivia' },
    ]);
  });

  it('goes back to v1 when the rollout fails: release on v1, new user dropped, Secret v2 deleted', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    world.helm.failNext('upgrade', new ClusterError('timeout', 'timed out waiting for the condition'));
    const { operation, store } = await rotate(world, 'database');

    expect(operation?.phase).toBe('failed');
    expect(progress(operation)).toEqual([
      'prepare: done',
      'database-user: done',
      'rollout: failed',
      'admin-password: pending',
      'retire: pending',
      'revert: done',
    ]);
    expect(operation?.error?.message).toMatch(/runs on its previous credentials \(version 1\)/);
    expect(world.helm.calls).toContain('Rollback to 1');
    expect(world.kube.jobs.has('store-shop/shop-rotate-retire-v2')).toBe(false);
    expect(envOf(world.kube.jobs.get('store-shop/shop-rotate-undo-v2'))).toContainEqual({
      name: 'OLD_DB_USER',
      value: 'wp_r2',
    });
    expect(secrets(world)?.has('shop-credentials-v2')).toBe(false);
    expect(store).toMatchObject({ status: 'running', secretVersion: 1 });
    expect(await world.repository.listSecretVersions('shop')).toEqual([]);
  });

  it('stops before any rollout when the new user cannot be made, and removes Secret v2', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    world.kube.jobOutcomeOnCreate = (job) =>
      job.metadata.name.includes('db-user') ? 'BackoffLimitExceeded' : 'Completed';
    const { operation, store } = await rotate(world, 'database');

    expect(operation?.phase).toBe('failed');
    expect(operation?.error?.message).toMatch(/did not complete \(BackoffLimitExceeded\)/);
    expect(world.helm.calls.some((c) => c.startsWith('upgrade '))).toBe(false);
    expect(secrets(world)?.has('shop-credentials-v2')).toBe(false);
    expect(store?.secretVersion).toBe(1);
  });

  it('is refused for a Medusa store before anything is made', async () => {
    const world = provisioningWorld();
    await runningStore(world, 'medusa');
    const { operation } = await rotate(world, 'database');
    expect(operation?.error?.message).toMatch(/Medusa store’s database password cannot be rotated/);
    expect(progress(operation)?.slice(0, 2)).toEqual(['prepare: failed', 'database-user: pending']);
    expect(secrets(world)?.has('shop-credentials-v2')).toBe(false);
  });
});

describe('secret rotation: salts and admin', () => {
  it('renews every WordPress salt and rolls the release, keeping the database user', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    const v1 = { ...secrets(world)?.get('shop-credentials') };
    const { operation, store } = await rotate(world, 'salts');
    expect(operation?.phase).toBe('succeeded');
    const v2 = secrets(world)?.get('shop-credentials-v2') ?? {};
    for (const key of ['wp-auth-key', 'wp-nonce-salt', 'wp-logged-in-key']) expect(v2[key]).not.toBe(v1[key]);
    expect(v2).toMatchObject({ 'db-user': 'wordpress', 'db-password': v1['db-password'] });
    expect(world.kube.jobs.size).toBe(0);
    expect(world.helm.installs.at(-1)?.values).toMatchObject({ 'secrets.version': 2 });
    expect(store?.secretVersion).toBe(2);
  });

  it('renews Medusa’s JWT and cookie secrets', async () => {
    const world = provisioningWorld();
    await runningStore(world, 'medusa');
    const v1 = { ...secrets(world)?.get('shop-credentials') };
    const { operation } = await rotate(world, 'salts');
    expect(operation?.phase).toBe('succeeded');
    const v2 = secrets(world)?.get('shop-credentials-v2') ?? {};
    expect(v2['jwt-secret']).not.toBe(v1['jwt-secret']);
    expect(v2['cookie-secret']).not.toBe(v1['cookie-secret']);
    expect(v2['db-password']).toBe(v1['db-password']);
    expect(v2['db-user']).toBeUndefined();
  });

  it('sets a new administrator password with wp-cli in the store’s image, without a restart', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    const v1 = { ...secrets(world)?.get('shop-credentials') };
    const upgrades = world.helm.calls.filter((c) => c.startsWith('upgrade ')).length;
    const { operation, store } = await rotate(world, 'admin');
    expect(operation?.phase).toBe('succeeded');
    expect(progress(operation)).toEqual([
      'prepare: done',
      'database-user: skipped',
      'rollout: skipped',
      'admin-password: done',
      'retire: skipped',
      'revert: skipped',
    ]);
    expect(secrets(world)?.get('shop-credentials-v2')?.['admin-password']).not.toBe(v1['admin-password']);
    expect(world.helm.calls.filter((c) => c.startsWith('upgrade ')).length).toBe(upgrades);
    const job = world.kube.jobs.get('store-shop/shop-rotate-admin-v2');
    expect(job?.spec).toMatchObject({
      template: { spec: { containers: [{ image: 'store-platform/woocommerce:test' }] } },
    });
    expect(envOf(job)).toContainEqual({
      name: 'STORE_ADMIN_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'shop-credentials-v2', key: 'admin-password' } },
    });
    expect(store?.secretVersion).toBe(2);
  });
});
