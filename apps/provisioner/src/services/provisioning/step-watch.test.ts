import { describe, expect, it, vi } from 'vitest';

import { provisioningWorld, recordingWorld } from '../../../test/doubles/provisioning-world.js';
import { noFacts } from '../../domain/failure-explanation.js';
import type { PodProblemInput } from '../../domain/pod-problems.js';
import type { HelmRunner } from '../../ports/helm-runner.js';
import { runCreate } from './create-flow.js';
import { runUpdate } from './update-flow.js';
import { failOperation, StepFailed } from './step-recorder.js';
import { foldEvents, type StepWatch } from './step-watch.js';

const unschedulable: PodProblemInput = {
  component: 'database',
  podName: 'shop-db-0',
  phase: 'Pending',
  eventReason: 'FailedScheduling',
  eventMessage: '0/3 nodes are available: 3 Insufficient cpu.',
  count: 2,
};
const pulling = (component: string): PodProblemInput => ({
  component,
  podName: `shop-${component}-0`,
  phase: 'Pending',
  waitingReason: 'ImagePullBackOff',
});

describe('foldEvents', () => {
  it('says each problem in words, oldest first, newest last', () => {
    expect(foldEvents([pulling('app'), { ...unschedulable, count: 1 }])).toEqual([
      'App pod cannot pull its image',
      'Database pod cannot be scheduled: not enough CPU',
    ]);
  });

  it('folds repeats into one line where the latest was seen, adding their counts', () => {
    expect(foldEvents([unschedulable, pulling('app'), unschedulable])).toEqual([
      'App pod cannot pull its image',
      'Database pod cannot be scheduled: not enough CPU (x4)',
    ]);
  });

  it('keeps only the newest five', () => {
    const components = ['app', 'worker', 'cache', 'setup', 'migrate', 'cron', 'test'];
    const events = foldEvents(components.map(pulling));
    expect(events).toHaveLength(5);
    expect(events[0]).toBe('Cache pod cannot pull its image');
    expect(events.at(-1)).toBe('Test pod cannot pull its image');
  });

  it('says nothing when every pod is fine', () => {
    expect(foldEvents([])).toEqual([]);
  });
});

/** A create operation's recorder in the world, and a watch of its namespace polled every 5 ms. */
async function watched() {
  const { world, operation, steps } = await recordingWorld();
  const deadline = new Date('2026-12-03T10:42:00Z');
  const watch: StepWatch = { namespace: 'store-shop', deadline, kube: world.kube, intervalMs: 5 };
  const saved = () => world.repository.savedSteps.map((s) => s.steps.find((x) => x.name === 'install'));
  return { world, operation, steps, watch, saved };
}

describe('a watched step', () => {
  it('shows its deadline and its pods’ problems while it runs, and neither once it is done', async () => {
    const { world, steps, watch, saved } = await watched();
    world.kube.podProblemInputs = [unschedulable];
    await steps.run(
      'install',
      async () => {
        await vi.waitFor(() => expect(saved().at(-1)?.events).toBeDefined());
        return 'release deployed';
      },
      watch,
    );

    expect(saved()[0]).toMatchObject({ status: 'running', deadline: '2026-12-03T10:42:00.000Z' });
    expect(saved().find((s) => s?.events)).toMatchObject({
      status: 'running',
      events: ['Database pod cannot be scheduled: not enough CPU (x2)'],
    });
    const done = saved().at(-1);
    expect(done).toMatchObject({ status: 'done', message: 'release deployed' });
    expect(done).not.toHaveProperty('events');
    expect(done).not.toHaveProperty('deadline');
  });

  it('saves its events again only when they change', async () => {
    const { world, steps, watch, saved } = await watched();
    world.kube.podProblemInputs = [unschedulable];
    await steps.run(
      'install',
      async () => {
        await vi.waitFor(() => expect(saved().at(-1)?.events).toHaveLength(1));
        world.kube.podProblemInputs = [unschedulable, pulling('app')];
        await vi.waitFor(() => expect(saved().at(-1)?.events).toHaveLength(2));
      },
      watch,
    );
    // Running, one event, two events, done: the polls in between that saw no change saved nothing.
    expect(saved().map((s) => s?.events?.length ?? s?.status)).toEqual(['running', 1, 2, 'done']);
  });

  it('aborts the work when the operation is cancelled, and fails as cancelled by whom, headlined so', async () => {
    const { world, operation, steps, watch, saved } = await watched();
    let failure: unknown;
    try {
      await steps.run(
        'install',
        (signal) =>
          new Promise((_, reject) => {
            // Helm, killed, fails with its own words; the step says it was cancelled.
            signal.addEventListener('abort', () => reject(new Error('signal: terminated')));
            void world.repository.requestCancel('shop', 'admin');
          }),
        watch,
      );
    } catch (error) {
      failure = error;
    }

    expect(failure).toBeInstanceOf(StepFailed);
    expect((failure as StepFailed).message).toBe('Install store (Helm): cancelled by admin');
    expect(saved().at(-1)).toMatchObject({ status: 'failed', message: 'cancelled by admin' });
    await failOperation(world.repository, operation.id, failure as StepFailed, 'reason', {
      store: { name: 'shop', plan: 'basic' },
      facts: noFacts,
      retryable: true,
      leftInPlace: false,
    });
    expect((await world.repository.getOperation(operation.id))?.error).toMatchObject({
      headline: 'Cancelled by admin',
      cause: 'cancelled',
    });
  });
});

describe('a cancelled create', () => {
  it('stops Helm, removes what it made and fails the store with the cancel as its headline', async () => {
    const world = provisioningWorld();
    const { operation, store } = await world.newStore('shop');
    // Helm waits for pods that never become ready, until it is stopped.
    world.helm.upgradeInstall = (input) =>
      new Promise((_, reject) => {
        input.signal?.addEventListener('abort', () => reject(new Error('signal: terminated')));
        void world.repository.requestCancel('shop', 'admin');
      });

    await runCreate(world.deps, operation, store);

    const ended = await world.repository.getOperation(operation.id);
    expect(ended?.error).toMatchObject({
      step: 'install',
      headline: 'Cancelled by admin',
      cause: 'cancelled',
    });
    expect((await world.repository.getStore('shop'))?.reason).toBe(
      'Install store (Helm): cancelled by admin. Everything created for the store was removed; retry or delete it.',
    );
    expect(world.helm.calls.at(-1)).toBe('uninstall store-shop/store-shop');
    expect(world.kube.namespaces.has('store-shop')).toBe(false);
  });

  it('of an update stops its upgrade and rolls the store back to what it ran', async () => {
    const world = provisioningWorld();
    const created = await world.newStore('shop');
    await runCreate(world.deps, created.operation, created.store);
    const { store, operation } = await world.repository.startOperation({
      name: 'shop',
      kind: 'update',
      actor: 'olivia',
      request: { plan: 'standard', replicas: 1 },
    });
    world.helm.upgrade = (input: Parameters<HelmRunner['upgrade']>[0]) =>
      new Promise((_, reject) => {
        input.signal?.addEventListener('abort', () => reject(new Error('signal: terminated')));
        void world.repository.requestCancel('shop', 'admin');
      });

    await runUpdate(world.deps, operation, store);

    const ended = await world.repository.getOperation(operation.id);
    expect(ended?.error).toMatchObject({
      step: 'upgrade',
      headline: 'Cancelled by admin',
      cause: 'cancelled',
    });
    expect(ended?.error?.message).toMatch(
      /^Upgrade \(Helm\): cancelled by admin\. The store was rolled back to revision 1 and runs on its previous plan/,
    );
    expect(ended?.steps.map((s) => `${s.name}: ${s.status}`).slice(1, 2)).toEqual(['upgrade: failed']);
    expect(ended?.steps.at(-1)?.status).toBe('done');
    expect(await world.repository.getStore('shop')).toMatchObject({ status: 'running', plan: 'basic' });
  });

  it('is refused, with words, for a delete and when nothing runs', async () => {
    const world = provisioningWorld();
    const { operation } = await world.newStore('shop');
    await world.repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'running' });
    await expect(world.repository.requestCancel('shop', 'admin')).rejects.toThrow(
      'nothing runs on store "shop": there is nothing to cancel',
    );
    await world.repository.startOperation({ name: 'shop', kind: 'delete', actor: 'admin' });
    await expect(world.repository.requestCancel('shop', 'admin')).rejects.toThrow(
      'a delete cannot be cancelled: stopping it half way would leave the store in neither state; wait for it to end',
    );
  });
});
