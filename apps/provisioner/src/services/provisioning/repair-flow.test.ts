import { describe, expect, it } from 'vitest';

import { provisioningWorld } from '../../../test/doubles/provisioning-world.js';
import { ClusterError } from '../../domain/errors.js';
import type { Operation } from '../../domain/operation.js';
import { runRepair } from './repair-flow.js';

const progress = (operation: Operation | undefined) => operation?.steps.map((s) => `${s.name}: ${s.status}`);
const message = (operation: Operation | undefined, step: string) =>
  operation?.steps.find((s) => s.name === step)?.message ?? '';

/** Store "shop" Running, as a finished create left it, and a repair of it started by olivia. */
async function runningShop() {
  const world = provisioningWorld();
  await world.newStore('shop');
  Object.assign(world.repository.stores.get('shop') ?? {}, { status: 'running', currentOperationId: null });
  world.installed('shop');
  return world;
}

async function repair(world: Awaited<ReturnType<typeof runningShop>>) {
  const { store, operation } = await world.repository.startOperation({
    name: 'shop',
    kind: 'repair',
    actor: 'olivia',
  });
  await runRepair(world.deps, operation, store);
  return {
    operation: await world.repository.getOperation(operation.id),
    store: await world.repository.getStore('shop'),
  };
}

describe('repair', () => {
  it('makes a namespace deleted by hand again, with new credentials and a fresh install, and says so', async () => {
    const world = await runningShop();
    world.kube.namespaces.delete('store-shop');
    world.helm.calls.length = 0;
    const { operation, store } = await repair(world);

    expect(operation?.phase).toBe('succeeded');
    expect(progress(operation)).toEqual([
      'inspect: done',
      'namespace: done',
      'secrets: done',
      'install: done',
      'setup: done',
      'storefront: skipped',
    ]);
    expect(message(operation, 'inspect')).toContain('namespace store-shop is missing');
    expect(message(operation, 'namespace')).toContain('namespace store-shop made again');
    expect(message(operation, 'secrets')).toContain('a fresh, empty shop is installed');
    expect(world.helm.calls).toContain('upgradeInstall store-shop/store-shop');
    expect(world.kube.namespaces.get('store-shop')?.secrets.get('shop-credentials')).toBeDefined();
    expect(store).toMatchObject({ status: 'running', currentOperationId: null });
  });

  it('installs a failed release again, keeping the credentials and the data (no setup Job)', async () => {
    const world = await runningShop();
    const secrets = world.kube.namespaces.get('store-shop')?.secrets;
    secrets?.set('shop-credentials', { 'admin-password': 'kept' });
    world.helm.setStatus('store-shop', 'store-shop', 'failed');
    const { operation } = await repair(world);

    expect(operation?.phase).toBe('succeeded');
    expect(message(operation, 'inspect')).toContain('release store-shop is failed');
    expect(message(operation, 'secrets')).toContain("kept the store's credentials");
    expect(secrets?.get('shop-credentials')).toEqual({ 'admin-password': 'kept' });
    expect(progress(operation)).toContain('setup: skipped');
    expect(world.helm.installs.at(-1)?.values).toMatchObject({ 'store.name': 'shop' });
  });

  it("fails on a namespace that is not this install's store, and leaves it untouched", async () => {
    const world = await runningShop();
    world.kube.namespaces.delete('store-shop');
    world.kube.addNamespace('store-shop', { team: 'someone-else' });
    world.kube.calls.length = 0;
    const { operation, store } = await repair(world);

    expect(operation?.phase).toBe('failed');
    expect(operation?.error?.step).toBe('inspect');
    expect(operation?.error?.message).toContain('namespace store-shop was left untouched');
    expect(operation?.error?.evidence).toEqual([]);
    expect(world.kube.calls.filter((c) => /^(create|delete)/.test(c))).toEqual([]);
    expect(store).toMatchObject({ status: 'running', reason: null });
  });

  it('removes nothing when the install fails: the store stays Running, the operation says why with evidence', async () => {
    const world = await runningShop();
    world.helm.failNext('upgradeInstall', new ClusterError('timeout', 'timed out waiting for the condition'));
    const { operation, store } = await repair(world);

    expect(operation?.phase).toBe('failed');
    expect(operation?.error).toMatchObject({ step: 'install', kind: 'timeout' });
    expect(operation?.error?.message).toContain('Nothing was removed');
    expect(operation?.error?.evidence).toEqual(world.kube.evidenceLines);
    expect(world.kube.calls.some((c) => c.startsWith('deleteNamespace'))).toBe(false);
    expect(world.helm.calls.some((c) => c.startsWith('uninstall'))).toBe(false);
    expect(store).toMatchObject({ status: 'running', currentOperationId: null });
  });
});
