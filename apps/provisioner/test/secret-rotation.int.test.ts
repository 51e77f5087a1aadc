/**
 * Secret rotation through the API (src/main.ts, API and worker) against the run's real PostgreSQL, the local
 * control plane (etcd, kube-apiserver, controllers, kwok) and the pinned helm. `rot-a` rotates its database
 * credentials: Secret v2, its new user made and the old one dropped by Jobs that read the Secrets by reference,
 * the app rolled to v2; then its administrator password (v3, set by a wp-cli Job, no restart, shown by the reveal).
 * `rot-b`'s rollout cannot complete, and the rotation goes back to v1. kwok runs no
 * containers: that the new password works and the old one stops is apps/store-backup's test, on a real MariaDB.
 *
 * How `rot-b`'s rollout fails: a ResourceQuota of this test in its namespace holds `count/replicasets.apps` at
 * what the namespace has, so the Deployment cannot make the ReplicaSet of its new pod template and `helm --wait`
 * times out, as when new pods cannot start. Going back needs no new ReplicaSet (the old one is still there) and
 * the Jobs make no ReplicaSets, so the quota stays for the whole rotation: no timing to arrange.
 */
import type { StoreView } from '@store-platform/contracts';
import type * as k8s from '@kubernetes/client-node';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { useProvisioner } from './provisioner-process.js';

const { core, apps, batch } = adminKube(inject('kubeconfig'));
const provisioner = useProvisioner('rotation', {
  // The failing rollout gives up after this long and is rolled back: short, so that the test ends soon.
  UPDATE_TIMEOUT_SECONDS: '20',
});
const [good, failing] = ['rot-a', 'rot-b'];
const ifMatch = (store: { version: number }) => ({ 'if-match': `"${store.version}"` });
async function settled(store: string): Promise<StoreView> {
  return waitFor(
    `store ${store} to finish its operation`,
    async () => {
      const view = (await provisioner().api.store(store)).body as unknown as StoreView;
      const phase = view.operation?.phase;
      if (view.status === 'updating' || phase === 'queued' || phase === 'running') {
        throw new Error(`store ${store}: ${view.status}, operation ${phase}`);
      }
      return view;
    },
    { timeoutMs: 150_000, intervalMs: 500 },
  );
}

/** Asks for a rotation as an operator would: with the store's ETag. */
async function rotate(store: string, what: string) {
  const api = provisioner().api;
  const view = (await api.store(store)).body as unknown as StoreView;
  return api.call('POST', `/stores/${store}/rotate-secrets`, { body: { what }, headers: ifMatch(view) });
}

/** The env of the app's pod template. */
async function appEnv(store: string): Promise<k8s.V1EnvVar[]> {
  const deployment = await apps.readNamespacedDeployment({
    name: `${store}-app`,
    namespace: `store-${store}`,
  });
  return deployment.spec?.template.spec?.containers.flatMap((c) => c.env ?? []) ?? [];
}

/** The Secret names the app's pod template reads. */
async function appSecretRefs(store: string): Promise<string[]> {
  const names = (await appEnv(store)).flatMap((e) => e.valueFrom?.secretKeyRef?.name ?? []);
  return [...new Set(names)];
}

/** The database user the app's pods connect as. */
const appDbUser = async (store: string) => (await appEnv(store)).find((e) => e.name === 'WORDPRESS_DB_USER');

const readSecret = async (store: string, name: string) => {
  const secret = await core.readNamespacedSecret({ name, namespace: `store-${store}` });
  return {
    labels: secret.metadata?.labels ?? {},
    data: Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
    ),
  };
};

const jobEnv = async (store: string, job: string): Promise<k8s.V1EnvVar[]> => {
  const found = await batch.readNamespacedJob({ name: job, namespace: `store-${store}` });
  return found.spec?.template.spec?.containers.flatMap((c) => c.env ?? []) ?? [];
};

const quotaName = 'test-no-new-replicasets';

beforeAll(async () => {
  const api = provisioner().api;
  for (const name of [good, failing]) {
    const created = await api.call('POST', '/stores', {
      body: { name, engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status).toBe(202);
  }
  await Promise.all([api.waitForStatus(good, 'running'), api.waitForStatus(failing, 'running')]);
}, 240_000);

afterAll(async () => {
  await core.deleteNamespacedResourceQuota({ name: quotaName, namespace: `store-${failing}` });
});

describe('secret rotation through the API', () => {
  it('refuses a rotation without If-Match and an unknown kind, before anything is made', async () => {
    const api = provisioner().api;
    const blind = await api.call('POST', `/stores/${good}/rotate-secrets`, { body: { what: 'database' } });
    expect(blind.status).toBe(428);
    const unknown = await rotate(good, 'everything');
    expect(unknown.status).toBe(400);
    const versions = await api.call('GET', `/stores/${good}/secret-versions`);
    expect(versions.body.items).toMatchObject([{ version: 1, what: null, current: true }]);
  });

  it('rotates the database credentials: Secret v2, the Jobs by reference, the app rolled to v2', async () => {
    const api = provisioner().api;
    const v1 = await readSecret(good, `${good}-credentials`);
    const accepted = await rotate(good, 'database');
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'updating', operation: { kind: 'rotate-secrets' } });
    const store = await settled(good);
    expect(store.status).toBe('running');
    expect(store.operation).toMatchObject({ kind: 'rotate-secrets', phase: 'succeeded' });
    expect(store.operation?.steps.map((s) => `${s.name}: ${s.status}`)).toEqual([
      'prepare: done',
      'database-user: done',
      'rollout: done',
      'admin-password: skipped',
      'retire: done',
      'revert: skipped',
    ]);

    const v2 = await readSecret(good, `${good}-credentials-v2`);
    expect(v2.labels['store-platform.io/secret-version']).toBe('2');
    expect(v2.data['db-user']).toBe('wp_r2');
    expect(v2.data['db-password']).not.toBe(v1.data['db-password']);
    expect(v2.data['db-root-password']).toBe(v1.data['db-root-password']);
    // The rollout: the app's pods now read v2.
    expect(await appSecretRefs(good)).toEqual([`${good}-credentials-v2`]);
    expect(await appDbUser(good)).toEqual({ name: 'WORDPRESS_DB_USER', value: 'wp_r2' });

    // The Jobs read every secret by reference: no value of either version is in them.
    const created = await jobEnv(good, `${good}-rotate-db-user-v2`);
    const dropped = await jobEnv(good, `${good}-rotate-retire-v2`);
    const values = new Set([...Object.values(v1.data), ...Object.values(v2.data)]);
    for (const env of [...created, ...dropped]) {
      if (env.value !== undefined) expect(values.has(env.value), env.name).toBe(false);
    }
    expect(created).toContainEqual({
      name: 'NEW_DB_PASSWORD',
      valueFrom: { secretKeyRef: { name: `${good}-credentials-v2`, key: 'db-password' } },
    });
    expect(created).toContainEqual({
      name: 'DB_ROOT_PASSWORD',
      valueFrom: { secretKeyRef: { name: `${good}-credentials`, key: 'db-root-password' } },
    });
    expect(dropped).toContainEqual({ name: 'OLD_DB_USER', value: 'wordpress' });
    const job = await batch.readNamespacedJob({
      name: `${good}-rotate-db-user-v2`,
      namespace: `store-${good}`,
    });
    expect(job.spec?.template.metadata?.labels?.['app.kubernetes.io/component']).toBe('backup');
    expect(job.spec?.template.spec?.containers[0]?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });

    const versions = await api.call('GET', `/stores/${good}/secret-versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.items).toMatchObject([
      { version: 2, what: 'database', current: true, createdBy: 'admin' },
      { version: 1, what: null, current: false },
    ]);
    expect(JSON.stringify(versions.body)).not.toContain(v2.data['db-password']);
    // The activity log says who rotated what, when it was asked and how it ended.
    const activity = await api.call('GET', `/activity?store=${good}&action=rotate-secrets`);
    expect(activity.body.items).toMatchObject([
      { actor: 'admin', result: 'succeeded', detail: 'database' },
      { actor: 'admin', result: 'accepted', detail: 'database' },
    ]);
  });

  it('rotates the administrator password without a restart, and the reveal shows the new one', async () => {
    const api = provisioner().api;
    const before = (await api.call('POST', `/stores/${good}/credentials`)).body as { password: string };
    const template = (
      await apps.readNamespacedDeployment({ name: `${good}-app`, namespace: `store-${good}` })
    ).metadata?.generation;
    expect((await rotate(good, 'admin')).status).toBe(202);
    const store = await settled(good);
    expect(store.operation).toMatchObject({ kind: 'rotate-secrets', phase: 'succeeded' });
    const v3 = await readSecret(good, `${good}-credentials-v3`);
    expect(v3.data['admin-password']).not.toBe(before.password);
    // Kept from v2: the database user and password the app runs on.
    expect(v3.data['db-user']).toBe('wp_r2');
    const revealed = (await api.call('POST', `/stores/${good}/credentials`)).body as { password: string };
    expect(revealed.password).toBe(v3.data['admin-password']);
    // wp-cli in the store's own image set it; the app was not rolled.
    const job = await batch.readNamespacedJob({
      name: `${good}-rotate-admin-v3`,
      namespace: `store-${good}`,
    });
    expect(job.spec?.template.spec?.containers[0]?.image).toMatch(/woocommerce/);
    expect(job.spec?.template.spec?.containers[0]?.env).toContainEqual({
      name: 'STORE_ADMIN_PASSWORD',
      valueFrom: { secretKeyRef: { name: `${good}-credentials-v3`, key: 'admin-password' } },
    });
    const after = await apps.readNamespacedDeployment({ name: `${good}-app`, namespace: `store-${good}` });
    expect(after.metadata?.generation).toBe(template);
    const versions = await api.call('GET', `/stores/${good}/secret-versions`);
    expect(versions.body.items).toMatchObject([
      { version: 3, what: 'admin', current: true },
      { version: 2, what: 'database', current: false },
      { version: 1, current: false },
    ]);
  });

  it('goes back to v1 when the rollout cannot complete: app on v1, Secret v2 gone, the reason said', async () => {
    const namespace = `store-${failing}`;
    const { items } = await apps.listNamespacedReplicaSet({ namespace });
    await core.createNamespacedResourceQuota({
      namespace,
      body: {
        metadata: { name: quotaName },
        spec: { hard: { 'count/replicasets.apps': String(items.length) } },
      },
    });
    const accepted = await rotate(failing, 'database');
    expect(accepted.status).toBe(202);
    const store = await settled(failing);

    expect(store.status, store.operation?.error?.message).toBe('running');
    expect(store.operation?.phase).toBe('failed');
    expect(store.operation?.steps.map((s) => `${s.name}: ${s.status}`)).toEqual([
      'prepare: done',
      'database-user: done',
      'rollout: failed',
      'admin-password: pending',
      'retire: pending',
      'revert: done',
    ]);
    expect(store.operation?.error?.message).toMatch(/runs on its previous credentials \(version 1\)/);
    expect(await appSecretRefs(failing)).toEqual([`${failing}-credentials`]);
    expect(await appDbUser(failing)).toEqual({ name: 'WORDPRESS_DB_USER', value: 'wordpress' });
    await expect(readSecret(failing, `${failing}-credentials-v2`)).rejects.toThrow();
    // The new user was dropped again; the old one was never touched.
    expect(await jobEnv(failing, `${failing}-rotate-undo-v2`)).toContainEqual({
      name: 'OLD_DB_USER',
      value: 'wp_r2',
    });
    await expect(
      batch.readNamespacedJob({ name: `${failing}-rotate-retire-v2`, namespace }),
    ).rejects.toThrow();
    const versions = await provisioner().api.call('GET', `/stores/${failing}/secret-versions`);
    expect(versions.body.items).toMatchObject([{ version: 1, current: true }]);
  });
});
