import { describe, expect, it } from 'vitest';

import { InMemoryJobQueue } from '../../test/doubles/in-memory-job-queue.js';
import { InMemoryOperationLock } from '../../test/doubles/in-memory-operation-lock.js';
import { provisioningWorld } from '../../test/doubles/provisioning-world.js';
import { RecordingMetrics } from '../../test/doubles/recording-metrics.js';
import { heartbeatMs, OperationRunner } from './operation-runner.js';

/** A worker over the provisioning world, with its lock, queue and metrics. */
function worker() {
  const world = provisioningWorld();
  const lock = new InMemoryOperationLock();
  const queue = new InMemoryJobQueue();
  const metrics = new RecordingMetrics();
  const runner = new OperationRunner(world.deps, lock, queue, metrics, () => undefined);
  return { world, lock, queue, metrics, runner };
}

describe('OperationRunner.handle', () => {
  it('runs a queued create to the end, and counts it in the metrics and the activity log', async () => {
    const { world, metrics, runner } = worker();
    const { operation } = await world.newStore('shop');
    await runner.handle({ operationId: operation.id, storeName: 'shop' });

    expect((await world.repository.getOperation(operation.id))?.phase).toBe('succeeded');
    expect(metrics.finished).toMatchObject([{ kind: 'create', result: 'succeeded' }]);
    expect(world.repository.activity).toMatchObject([
      { actor: 'olivia', action: 'create', store: 'shop', result: 'succeeded' },
    ]);
  });

  it('says in an update’s activity entry what it changed, and why it failed', async () => {
    const { world, runner } = worker();
    const { operation: create } = await world.newStore('shop');
    await runner.handle({ operationId: create.id, storeName: 'shop' });
    world.kube.jobOutcomes.set('store-shop/shop-migrate', 'Completed');
    const update = async (request: Record<string, unknown>) => {
      const { operation } = await world.repository.startOperation({
        name: 'shop',
        kind: 'update',
        actor: 'olivia',
        request,
      });
      await runner.handle({ operationId: operation.id, storeName: 'shop' });
      return world.repository.activity.at(-1);
    };

    expect(await update({ plan: 'standard', replicas: 1 })).toMatchObject({
      action: 'update',
      result: 'succeeded',
      detail: 'plan basic -> standard, replicas 1',
    });
    world.helm.failNext('upgrade', new Error('timed out'));
    const failed = await update({ title: 'Corner' });
    expect(failed?.result).toBe('failed');
    expect(failed?.detail).toMatch(
      /^title Corner: Upgrade \(Helm\) failed: timed out\. The store was rolled back/,
    );
  });

  it('does nothing for an operation that has ended (a duplicate job)', async () => {
    const { world, metrics, runner } = worker();
    const { operation } = await world.newStore('shop');
    await world.repository.finishOperation(operation.id, {
      phase: 'failed',
      storeStatus: 'failed',
      reason: 'x',
    });
    await runner.handle({ operationId: operation.id, storeName: 'shop' });

    expect(world.helm.calls).toEqual([]);
    expect(world.kube.calls).toEqual([]);
    expect(metrics.finished).toEqual([]);
    expect(world.repository.activity).toEqual([]);
  });

  it('fails the job while another worker holds the store, so that the queue retries it later', async () => {
    const { world, lock, queue, runner } = worker();
    const { operation } = await world.newStore('shop');
    lock.holdElsewhere('store-operation:shop');
    await queue.work((job) => runner.handle(job));
    await queue.enqueue({ operationId: operation.id, storeName: 'shop' });

    await expect(queue.runNext()).rejects.toThrow(
      `store shop is busy with another worker; operation ${operation.id} will be retried`,
    );
    expect(queue.jobs).toEqual([{ operationId: operation.id, storeName: 'shop' }]);
    expect((await world.repository.getOperation(operation.id))?.phase).toBe('queued');
    expect(world.helm.calls).toEqual([]);
  });

  it('drops a duplicate job of an ended operation even while another worker holds the store', async () => {
    const { world, lock, runner } = worker();
    const { operation } = await world.newStore('shop');
    await world.repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'running' });
    lock.holdElsewhere('store-operation:shop');

    await expect(runner.handle({ operationId: operation.id, storeName: 'shop' })).resolves.toBeUndefined();
  });
});

describe('OperationRunner.resumeAbandoned', () => {
  it('queues running operations with a free lock and an old heartbeat, and queued ones older than a minute; not fresh, alive or locked ones', async () => {
    const { world, lock, queue, runner } = worker();
    const { repository, clock } = world;
    // A worker died while running this one: the database released its lock.
    const deadWorker = await world.newStore('dead-worker');
    await repository.markOperationRunning(deadWorker.operation.id);
    // A live worker is running this one.
    const liveWorker = await world.newStore('live-worker');
    await repository.markOperationRunning(liveWorker.operation.id);
    lock.holdElsewhere('store-operation:live-worker');
    // Queued and never taken: its job was lost (the API died between recording and queuing it).
    const lostJob = await world.newStore('lost-job');
    // Queued as long, but a worker holds the store (finishing its previous operation).
    await world.newStore('busy-store');
    lock.holdElsewhere('store-operation:busy-store');
    // A live worker whose lock a database restart freed: its heartbeat is recent.
    const restartedDatabase = await world.newStore('restarted-database');
    await repository.markOperationRunning(restartedDatabase.operation.id);
    clock.advance(61_000);
    await repository.heartbeat(restartedDatabase.operation.id);
    clock.advance(heartbeatMs);
    // Queued just now: its job is on its way and must not be queued twice.
    await world.newStore('fresh');

    expect(await runner.resumeAbandoned()).toBe(2);
    expect(queue.jobs).toEqual([
      { operationId: deadWorker.operation.id, storeName: 'dead-worker' },
      { operationId: lostJob.operation.id, storeName: 'lost-job' },
    ]);
  });
});
