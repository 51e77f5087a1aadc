import type { PlanId } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import { provisioningWorld } from '../../../test/doubles/provisioning-world.js';
import { ClusterError } from '../../domain/errors.js';
import type { Operation } from '../../domain/operation.js';
import { runCreate } from './create-flow.js';

/** The steps as the store's page lists them: "name: status". */
const progress = (operation: Operation | undefined) => operation?.steps.map((s) => `${s.name}: ${s.status}`);
const message = (operation: Operation | undefined, step: string) =>
  operation?.steps.find((s) => s.name === step)?.message;

/** Creates store "shop" in `world` and returns its operation and store as the API would show them after. */
async function create(world: ReturnType<typeof provisioningWorld>, plan: PlanId = 'basic') {
  const { store, operation } = await world.newStore('shop', 'woocommerce', plan);
  await runCreate(world.deps, operation, store);
  return {
    operation: await world.repository.getOperation(operation.id),
    store: await world.repository.getStore('shop'),
  };
}

describe('create', () => {
  it('runs every step and the store is running; the storefront step is skipped when STOREFRONT_CHECK is off', async () => {
    const world = provisioningWorld({ STOREFRONT_CHECK: false });
    const { operation, store } = await create(world);

    expect(operation?.phase).toBe('succeeded');
    expect(progress(operation)).toEqual([
      'preflight: done',
      'namespace: done',
      'secrets: done',
      'install: done',
      'setup: done',
      'storefront: skipped',
    ]);
    expect(message(operation, 'storefront')).toContain('STOREFRONT_CHECK=false');
    expect(store).toMatchObject({ status: 'running', reason: null, currentOperationId: null });
    const namespace = world.kube.namespaces.get('store-shop');
    expect(namespace?.labels).toMatchObject({
      'store-platform.io/instance': 'store-platform',
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    expect(Object.keys(namespace?.secrets.get('shop-credentials') ?? {})).toContain('admin-password');
    expect(world.helm.installs).toMatchObject([
      {
        release: 'store-shop',
        namespace: 'store-shop',
        values: { 'store.name': 'shop', 'store.plan': 'basic' },
      },
    ]);
    expect(world.askedUrls).toEqual([]);
  });

  it('checks the storefront over HTTP when STOREFRONT_CHECK is on', async () => {
    const world = provisioningWorld({ STOREFRONT_CHECK: true });
    const { operation } = await create(world);

    expect(operation?.phase).toBe('succeeded');
    expect(message(operation, 'storefront')).toBe('http://shop-app.store-shop.svc:8080/ answered HTTP 200');
    expect(world.askedUrls).toEqual(['http://shop-app.store-shop.svc:8080/']);
  });

  it('fails the pre-flight on a missing storage class, saying which and what fixes it, before making anything', async () => {
    const world = provisioningWorld({ STORAGE_CLASS: 'fast-ssd' });
    const { operation, store } = await create(world);

    expect(operation?.error).toMatchObject({ step: 'preflight', kind: 'not_found' });
    expect(store?.status).toBe('failed');
    expect(store?.reason).toContain('storage class "fast-ssd" does not exist in this cluster');
    expect(store?.reason).toContain('Everything created for the store was removed');
    expect(progress(operation)?.slice(0, 2)).toEqual(['preflight: failed', 'namespace: pending']);
    expect(world.kube.namespaces.has('store-shop')).toBe(false);
    expect(world.helm.installs).toEqual([]);
  });

  it('fails the pre-flight when the cluster is full, and removes the namespace an earlier attempt left', async () => {
    const world = provisioningWorld();
    world.installed('shop');
    world.kube.free = { cpuMillis: 1000, memoryBytes: 2 * 2 ** 30 };
    const { operation, store } = await create(world);

    expect(operation?.error).toMatchObject({ step: 'preflight', kind: 'quota_exceeded' });
    expect(store?.reason).toBe(
      'Pre-flight checks failed: the cluster has 1.0 CPU and 2.0 GiB free; plan basic needs 1.5 CPU and 3.0 GiB. ' +
        'Everything created for the store was removed; retry when the cause is fixed.',
    );
    expect(world.helm.calls).toContain('uninstall store-shop/store-shop');
    expect(world.kube.namespaces.has('store-shop')).toBe(false);
  });

  it('headlines a full cluster on a large plan with no pod evidence (nothing ran), and offers Retry with Basic', async () => {
    const world = provisioningWorld();
    world.kube.free = { cpuMillis: 2000, memoryBytes: 4 * 2 ** 30 };
    const { operation } = await create(world, 'standard');

    expect(operation?.error).toMatchObject({
      step: 'preflight',
      cause: 'insufficient_capacity',
      headline: expect.stringMatching(
        /^Not enough room in the cluster: the cluster has 2\.0 CPU and 4\.0 GiB free; plan standard needs/,
      ),
      evidence: [],
      actions: [
        { kind: 'retry', label: 'Retry' },
        { kind: 'retry-with-plan', label: 'Retry with Basic', plan: 'basic' },
      ],
    });
    expect(world.kube.calls.filter((c) => c.startsWith('evidence'))).toEqual([]);
  });

  it('leaves a namespace of that name that is not the platform’s untouched, contents and all, and says so', async () => {
    const world = provisioningWorld();
    const uid = world.kube.addNamespace('store-shop', { team: 'payments' }, [{ token: 'theirs' }]);
    const { operation, store } = await create(world);

    expect(operation?.error).toMatchObject({
      step: 'preflight',
      kind: 'conflict',
      evidence: [],
      cause: 'name_taken',
      headline: expect.stringMatching(/^The name "shop" is taken: namespace store-shop is not this platform/),
      actions: [
        { kind: 'retry', label: 'Retry' },
        { kind: 'choose-another-name', label: 'Choose another name' },
      ],
    });
    expect(store?.status).toBe('failed');
    expect(store?.reason).toContain('namespace store-shop is not this platform');
    expect(store?.reason).toContain('Nothing was removed: namespace store-shop was left untouched.');
    const namespace = world.kube.namespaces.get('store-shop');
    expect(namespace).toMatchObject({ uid, phase: 'Active', labels: { team: 'payments' } });
    expect([...(namespace?.secrets.values() ?? [])]).toEqual([{ token: 'theirs' }]);
    // Not read either: its events and logs are not the platform's to show.
    expect(world.kube.calls.filter((c) => /^(evidence|deleteNamespace|createSecret)/.test(c))).toEqual([]);
    expect(world.helm.calls).toEqual([]);
  });

  it('headlines the database pod no node has CPU for, folds repeated evidence, and offers Retry with Basic', async () => {
    const world = provisioningWorld();
    world.helm.failNext('upgradeInstall', new ClusterError('timeout', 'context deadline exceeded'));
    const scheduling = {
      kind: 'Pod',
      podName: 'shop-db-0',
      component: 'database',
      eventReason: 'FailedScheduling',
      eventMessage: '0/3 nodes are available: 3 Insufficient cpu.',
      evidence: 'Pod shop-db-0: FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu.',
    };
    world.kube.evidenceFacts = {
      problems: [
        {
          kind: 'Pod',
          podName: 'shop-db-0',
          component: 'database',
          phase: 'Pending',
          evidence: 'pod shop-db-0 is Pending',
        },
        { ...scheduling, count: 3 },
        scheduling,
      ],
    };
    const { operation, store } = await create(world, 'standard');

    expect(operation?.error).toMatchObject({
      headline: 'Database pod cannot be scheduled: not enough CPU',
      cause: 'insufficient_cpu',
      message: store?.reason,
      evidence: [
        'Pod shop-db-0: FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu. (x4)',
        'pod shop-db-0 is Pending',
      ],
      actions: [
        { kind: 'retry', label: 'Retry' },
        { kind: 'retry-with-plan', label: 'Retry with Basic', plan: 'basic' },
      ],
    });
    expect(store?.reason).toMatch(/^Install store \(Helm\) failed: context deadline exceeded\./);
  });

  it('removes what an interrupted install left (a pending-install release) and installs again', async () => {
    const world = provisioningWorld();
    const oldUid = world.installed('shop');
    world.helm.setStatus('store-shop', 'store-shop', 'pending-install');
    const { operation, store } = await create(world);

    expect(operation?.phase).toBe('succeeded');
    expect(message(operation, 'preflight')).toMatch(
      /^removed what an interrupted install had left, to start again; capacity: /,
    );
    expect(world.kube.calls).toContain('deleteNamespace store-shop');
    expect(world.kube.namespaces.get('store-shop')?.uid).not.toBe(oldUid);
    expect(world.helm.calls.filter((c) => /^(uninstall|upgradeInstall)/.test(c))).toEqual([
      'uninstall store-shop/store-shop',
      'upgradeInstall store-shop/store-shop',
    ]);
    expect(store?.status).toBe('running');
  });

  it('records the evidence of an install that timed out, keeps Helm’s raw answer in the log, and rolls back', async () => {
    const world = provisioningWorld();
    const raw = 'Error: UPGRADE FAILED: context deadline exceeded (stderr of helm)';
    world.helm.failNext(
      'upgradeInstall',
      new ClusterError('timeout', 'the store was not ready within the install timeout', { cause: raw }),
    );
    const { operation, store } = await create(world);

    expect(operation?.error).toEqual({
      step: 'install',
      kind: 'timeout',
      evidence: world.kube.evidenceLines,
      message: store?.reason,
      headline: 'App pod keeps crashing',
      cause: 'crash_loop',
      // No kubectl command: the namespace it would look into was removed.
      actions: [{ kind: 'retry', label: 'Retry' }],
    });
    expect(store?.reason).toBe(
      'Install store (Helm) failed: the store was not ready within the install timeout. ' +
        'Everything created for the store was removed; retry when the cause is fixed.',
    );
    expect(progress(operation)?.slice(3)).toEqual([
      'install: failed',
      'setup: pending',
      'storefront: pending',
    ]);
    // Evidence first (with the setup Job's log), then the rollback: Helm uninstalls, the namespace goes.
    expect(world.kube.calls).toContain('evidence store-shop shop-setup');
    expect(world.helm.calls.at(-1)).toBe('uninstall store-shop/store-shop');
    expect(world.kube.namespaces.has('store-shop')).toBe(false);
    expect(world.logged).toMatchObject([
      { message: 'operation step failed', fields: { step: 'install', err: raw } },
    ]);
  });

  it('gives up on a setup Job that never tells its outcome after 30 s of (fake) time', async () => {
    const world = provisioningWorld();
    const { store, operation } = await world.newStore('shop');
    world.kube.jobOutcomes.clear();
    await runCreate(world.deps, operation, store);
    const failed = await world.repository.getOperation(operation.id);

    const setup = failed?.steps.find((s) => s.name === 'setup');
    expect(setup?.message).toBe(
      'timed out after 30 s waiting for the outcome of Job shop-setup (its status or its completion event)',
    );
    expect((setup?.finishedAt?.getTime() ?? 0) - (setup?.startedAt?.getTime() ?? 0)).toBe(31_000);
    expect(failed?.error?.kind).toBeUndefined();
  });
});
