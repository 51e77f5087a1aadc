import { describe, expect, it } from 'vitest';

import { provisioningWorld } from '../../../test/doubles/provisioning-world.js';
import { ClusterError } from '../../domain/errors.js';
import { runCreate } from './create-flow.js';
import { runRollback } from './rollback-flow.js';
import { runUpdate } from './update-flow.js';

type World = ReturnType<typeof provisioningWorld>;

/** A running store "shop" (plan basic) whose migrate Jobs complete. */
async function runningStore(world: World) {
  const created = await world.newStore('shop');
  await runCreate(world.deps, created.operation, created.store);
  world.kube.jobOutcomes.set('store-shop/shop-migrate', 'Completed');
}

/** Starts and runs an operation as the API and the worker would; returns it and the store after. */
async function run(world: World, kind: 'update' | 'rollback', request: Record<string, unknown>) {
  const { store, operation } = await world.repository.startOperation({
    name: 'shop',
    kind,
    actor: 'olivia',
    request,
  });
  await (kind === 'update' ? runUpdate : runRollback)(world.deps, operation, store);
  return {
    operation: await world.repository.getOperation(operation.id),
    store: await world.repository.getStore('shop'),
  };
}

const progress = (operation: { steps: { name: string; status: string }[] } | undefined) =>
  operation?.steps.map((s) => `${s.name}: ${s.status}`);

describe('update', () => {
  it('upgrades with the new plan and settings, confirms the migration, and records them with who and what', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    const { operation, store } = await run(world, 'update', {
      plan: 'standard',
      replicas: 1,
      title: 'Corner',
    });

    expect(operation?.phase).toBe('succeeded');
    expect(progress(operation)).toEqual(['check: done', 'upgrade: done', 'migrate: done', 'revert: skipped']);
    expect(store).toMatchObject({
      status: 'running',
      plan: 'standard',
      settings: { replicas: 1, title: 'Corner' },
      currentOperationId: null,
    });
    expect(world.helm.installs.at(-1)).toMatchObject({
      timeoutSeconds: 30,
      values: { 'store.plan': 'standard', 'store.appReplicas': 1, 'store.title': 'Corner' },
    });
    expect(await world.repository.listRevisions('shop')).toMatchObject([
      {
        revision: 2,
        actor: 'olivia',
        changes: [
          { field: 'plan', from: 'basic', to: 'standard' },
          { field: 'replicas', from: null, to: 1 },
          { field: 'title', from: null, to: 'Corner' },
        ],
      },
    ]);
  });

  it('refuses at its check what the live namespace no longer allows, and applies nothing', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    await run(world, 'update', { plan: 'standard', replicas: 1 });
    world.kube.quotas.set('store-shop', { hard: {}, used: { 'requests.cpu': '2500m' } });
    const { operation, store } = await run(world, 'update', { plan: 'basic' });

    expect(progress(operation)).toEqual([
      'check: failed',
      'upgrade: pending',
      'migrate: pending',
      'revert: skipped',
    ]);
    expect(operation?.error?.message).toContain('requests.cpu 2.5 CPU used, 1.5 CPU allowed');
    expect(operation?.error?.message).toContain('Nothing was applied');
    expect(store).toMatchObject({ status: 'running', plan: 'standard' });
    expect(world.helm.calls.filter((c) => c.startsWith('upgrade '))).toHaveLength(1);
  });

  it('rolls a failed upgrade back to the revision it ran, keeps the store running as it was, and says why', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    world.helm.failNext(
      'upgrade',
      new ClusterError('timeout', 'resource not ready, name: shop-app: timed out'),
    );
    const { operation, store } = await run(world, 'update', { engineVersion: '6.9.5-wc10.10.0' });

    expect(operation?.phase).toBe('failed');
    expect(progress(operation)).toEqual([
      'check: done',
      'upgrade: failed',
      'migrate: pending',
      'revert: done',
    ]);
    expect(operation?.error).toMatchObject({ step: 'upgrade', kind: 'timeout' });
    expect(operation?.error?.message).toContain('rolled back to revision 1');
    expect(operation?.error?.evidence).toEqual(world.kube.evidenceLines);
    expect(store).toMatchObject({ status: 'running', reason: null, plan: 'basic', settings: {} });
    expect(world.helm.calls).toContain('rollback to 1');
    // The failed attempt and the rollback both say who made them.
    expect((await world.repository.listRevisions('shop')).map((r) => [r.revision, r.actor])).toEqual([
      [3, 'olivia'],
      [2, 'olivia'],
    ]);
  });

  it('leaves the store failed, saying so, when the rollback fails too', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    world.helm.failNext('upgrade', new ClusterError('timeout', 'timed out'));
    world.helm.failNext('rollback', new ClusterError('unavailable', 'cluster unreachable'));
    const { operation, store } = await run(world, 'update', { title: 'New' });

    expect(progress(operation)).toEqual([
      'check: done',
      'upgrade: failed',
      'migrate: pending',
      'revert: failed',
    ]);
    expect(store?.status).toBe('failed');
    expect(store?.reason).toContain('Rolling back to revision 1 also failed');
  });
});

describe('rollback', () => {
  it('goes back to an earlier revision and the store takes that revision’s plan and settings', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    await run(world, 'update', { plan: 'standard', replicas: 1 });
    const { operation, store } = await run(world, 'rollback', { revision: 1 });

    expect(operation?.phase).toBe('succeeded');
    expect(progress(operation)).toEqual(['check: done', 'rollback: done', 'verify: done']);
    expect(store).toMatchObject({ status: 'running', plan: 'basic', settings: {} });
    expect((await world.repository.listRevisions('shop'))[0]).toMatchObject({
      revision: 3,
      changes: [
        { field: 'plan', from: 'standard', to: 'basic' },
        { field: 'replicas', from: 1, to: null },
      ],
    });
  });

  it('refuses the revision the store runs, and one that does not exist, changing nothing', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    const current = await run(world, 'rollback', { revision: 1 });
    expect(current.operation?.error?.message).toContain('revision 1 is the one the store runs now');
    const missing = await run(world, 'rollback', { revision: 7 });
    expect(missing.operation?.error?.message).toContain('revision 7 does not exist');
    expect(missing.store?.status).toBe('running');
    expect(world.helm.calls.filter((c) => c.startsWith('rollback '))).toEqual([]);
  });

  it('returns to the revision it ran when the workloads do not become ready', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    await run(world, 'update', { plan: 'standard', replicas: 1 });
    world.kube.unready = ['Deployment shop-app: 0 of 1 ready'];
    const { operation, store } = await run(world, 'rollback', { revision: 1 });

    expect(progress(operation)).toEqual(['check: done', 'rollback: done', 'verify: failed']);
    expect(operation?.error?.message).toContain('returned to what revision 2 deployed');
    expect(store).toMatchObject({ status: 'running', plan: 'standard' });
    expect(world.helm.calls).toContain('rollback to 2');
  });
});
