import { describe, expect, it } from 'vitest';

import { provisioningWorld } from '../../../test/doubles/provisioning-world.js';
import { ClusterError } from '../../domain/errors.js';
import type { Claim } from '../../domain/storage.js';
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
    expect(progress(operation)).toEqual([
      'check: done',
      'upgrade: done',
      'storage: skipped',
      'migrate: done',
      'revert: skipped',
    ]);
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
      'storage: pending',
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
      'storage: pending',
      'migrate: pending',
      'revert: done',
    ]);
    expect(operation?.error).toMatchObject({ step: 'upgrade', kind: 'timeout' });
    expect(operation?.error?.message).toContain('rolled back to revision 1');
    expect(operation?.error?.evidence).toEqual(world.kube.evidenceLines);
    expect(store).toMatchObject({ status: 'running', reason: null, plan: 'basic', settings: {} });
    expect(world.helm.calls).toContain('Rollback to 1');
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
    world.helm.failNext('reapply', new ClusterError('unavailable', 'cluster unreachable'));
    const { operation, store } = await run(world, 'update', { title: 'New' });

    expect(progress(operation)).toEqual([
      'check: done',
      'upgrade: failed',
      'storage: pending',
      'migrate: pending',
      'revert: failed',
    ]);
    expect(store?.status).toBe('failed');
    expect(store?.reason).toContain('Rolling back to revision 1 also failed');
  });
});

/** The store's two claims at the basic plan's sizes, on a class that can expand or not. */
const basicClaims = (expandable: boolean): Claim[] => [
  { name: 'data-shop-db-0', requested: '10Gi', capacity: '10Gi', storageClass: 'standard', expandable },
  { name: 'shop-uploads', requested: '5Gi', capacity: '5Gi', storageClass: 'standard', expandable },
];

describe('update: storage', () => {
  it('grows the claims to the larger plan after the upgrade, and records it in the revision', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    world.kube.volumeClaims.set('store-shop', basicClaims(true));
    const { operation } = await run(world, 'update', { plan: 'standard', replicas: 1 });

    expect(progress(operation)).toEqual([
      'check: done',
      'upgrade: done',
      'storage: done',
      'migrate: done',
      'revert: skipped',
    ]);
    expect(operation?.steps.find((s) => s.name === 'storage')?.message).toContain(
      'claim shop-uploads grows 5Gi -> 10Gi',
    );
    // After the upgrade (the step order above): its quota (requests.storage 40Gi) admits the larger claims.
    expect(world.kube.calls.filter((c) => c.startsWith('resizeClaim'))).toEqual([
      'resizeClaim store-shop data-shop-db-0 20Gi',
      'resizeClaim store-shop shop-uploads 10Gi',
    ]);
    expect((await world.repository.listRevisions('shop'))[0]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'storage.database', from: '10Gi', to: '20Gi' },
        { field: 'storage.uploads', from: '5Gi', to: '10Gi' },
      ]),
    );
  });

  it('keeps the claims’ size on a class that cannot expand, saying so, and still applies the plan', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    world.kube.volumeClaims.set('store-shop', basicClaims(false));
    const { operation, store } = await run(world, 'update', { plan: 'standard', replicas: 1 });

    expect(operation?.phase).toBe('succeeded');
    const step = operation?.steps.find((s) => s.name === 'storage');
    expect(step?.status).toBe('skipped');
    expect(step?.message).toContain('claim shop-uploads keeps 5Gi (the plan sizes it 10Gi)');
    expect(step?.message).toContain('allowVolumeExpansion');
    expect(world.kube.calls.filter((c) => c.startsWith('resizeClaim'))).toEqual([]);
    expect(store).toMatchObject({ plan: 'standard' });
  });

  it('never shrinks: a smaller plan leaves the claims as they are', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    world.kube.volumeClaims.set('store-shop', basicClaims(true));
    await run(world, 'update', { plan: 'standard', replicas: 1 });
    const { operation } = await run(world, 'update', { plan: 'basic' });

    expect(operation?.steps.find((s) => s.name === 'storage')?.message).toContain(
      'claim shop-uploads keeps 10Gi (the plan sizes it 5Gi): claims never shrink',
    );
    expect(world.kube.calls.filter((c) => c.startsWith('resizeClaim'))).toHaveLength(2);
  });

  it('says a grown claim keeps its size when the update fails after it and is rolled back', async () => {
    const world = provisioningWorld();
    await runningStore(world);
    world.kube.volumeClaims.set('store-shop', basicClaims(true));
    world.kube.jobOutcomes.set('store-shop/shop-migrate', 'BackoffLimitExceeded');
    const { operation, store } = await run(world, 'update', { plan: 'standard', replicas: 1 });

    expect(operation?.error?.step).toBe('migrate');
    expect(operation?.error?.message).toContain('claim shop-uploads keeps 10Gi (grown from 5Gi)');
    expect(store).toMatchObject({ status: 'running', plan: 'basic' });
    expect(world.helm.calls).toContain('Rollback to 1');
    expect(world.kube.volumeClaims.get('store-shop')?.map((c) => c.requested)).toEqual(['20Gi', '10Gi']);
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
    // An upgrade of the store chart with revision 1's values, not `helm rollback`: claims keep their size.
    expect(world.helm.calls).toContain('Rollback to 1');
    expect(world.helm.currentValues('store-shop', 'store-shop')).toMatchObject({ 'store.plan': 'basic' });
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
    expect(world.helm.calls.filter((c) => c.startsWith('reapply '))).toEqual([]);
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
    expect(world.helm.calls).toContain('Rollback to 2');
  });
});
