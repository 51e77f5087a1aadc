import type { JobQueue, OperationJob } from '../ports/job-queue.js';
import type { Metrics } from '../ports/metrics.js';
import type { OperationLock } from '../ports/operation-lock.js';
import type { ProvisioningDeps } from './provisioning/deps.js';
import { flows } from './provisioning/flows.js';
import { requestSummary } from './provisioning/summary.js';

const lockKey = (store: string) => `store-operation:${store}`;

/** How often a running operation's worker says it is alive, and how old that sign may be before it counts as dead. */
export const heartbeatMs = 5_000;
export const deadAfterMs = 20_000;
/** How often each worker looks for abandoned operations (resumeAbandoned). */
export const resumeEveryMs = 10_000;

/** The worker's side: runs queued operations, one per store at a time, and resumes what a dead worker left. */
export class OperationRunner {
  constructor(
    private readonly deps: ProvisioningDeps,
    private readonly lock: OperationLock,
    private readonly queue: JobQueue,
    private readonly metrics: Metrics,
    private readonly log: (message: string, fields?: Record<string, unknown>) => void,
  ) {}

  /**
   * Job handler: runs the operation unless it already ended. When another worker holds the store (it may be
   * finishing the store's previous operation), the job fails so that the queue retries it with backoff.
   */
  async handle(job: OperationJob): Promise<void> {
    const ran = await this.lock.tryRun(lockKey(job.storeName), () => this.execute(job.operationId));
    if (ran) return;
    const operation = await this.deps.repository.getOperation(job.operationId);
    if (operation && (operation.phase === 'queued' || operation.phase === 'running')) {
      throw new Error(
        `store ${job.storeName} is busy with another worker; operation ${job.operationId} will be retried`,
      );
    }
  }

  /** Milliseconds on the deps' clock (the system clock unless a test hands in a fake one). */
  private now(): number {
    return (this.deps.now?.() ?? new Date()).getTime();
  }

  private async execute(operationId: string): Promise<void> {
    const { repository } = this.deps;
    const operation = await repository.getOperation(operationId);
    if (!operation || operation.phase === 'succeeded' || operation.phase === 'failed') return;
    const store = await repository.getStore(operation.storeName);
    if (!store) return;
    const started = this.now();
    this.log('operation started', { operationId, store: store.name, kind: operation.kind });
    await repository.markOperationRunning(operationId);
    // A missed beat (the database away) is only logged: the next one, or the flow's own writes, say it again.
    const beat = setInterval(() => {
      repository
        .heartbeat(operationId)
        .catch((error: unknown) => this.log('heartbeat not written', { operationId, error: String(error) }));
    }, heartbeatMs);
    try {
      await flows[operation.kind](this.deps, operation, store);
    } finally {
      clearInterval(beat);
    }
    const finished = await repository.getOperation(operationId);
    const result = finished?.phase === 'succeeded' ? 'succeeded' : 'failed';
    this.metrics.operationFinished({
      kind: operation.kind,
      result,
      seconds: (this.now() - started) / 1000,
      failedStep: finished?.error?.step,
    });
    await repository.appendActivity({
      actor: operation.startedBy,
      action: operation.kind,
      store: store.name,
      result,
      durationMs: this.now() - started,
      // Who changed what: an update's or rollback's request, then why it failed.
      detail:
        [requestSummary(operation, store), finished?.error?.message].filter(Boolean).join(': ') || undefined,
    });
    this.log('operation finished', {
      operationId,
      store: store.name,
      kind: operation.kind,
      result,
      ms: this.now() - started,
    });
  }

  /**
   * Queues again every operation left running by a worker that died (no heartbeat for deadAfterMs, and its lock
   * free again, since the database released the dead session's locks), and every one still queued after a minute
   * with a free lock (its job was lost, e.g. the API died between recording it and queuing it). The steps
   * converge, so running them again finishes the work; a duplicate job of an operation that has ended does
   * nothing. The heartbeat matters because a database restart frees the lock of a worker that is alive: two
   * workers on one store would undo each other's steps (one's clean-up removing what the other installs).
   */
  async resumeAbandoned(): Promise<number> {
    let resumed = 0;
    const now = this.now();
    for (const operation of await this.deps.repository.unfinishedOperations()) {
      const lastSign = operation.heartbeatAt ?? operation.startedAt ?? operation.createdAt;
      const abandoned =
        operation.phase === 'running'
          ? lastSign.getTime() < now - deadAfterMs
          : operation.createdAt.getTime() < now - 60_000;
      if (!abandoned || !(await this.lock.isFree(lockKey(operation.storeName)))) continue;
      await this.queue.enqueue({ operationId: operation.id, storeName: operation.storeName });
      this.log('resuming an operation left by a stopped worker', {
        operationId: operation.id,
        store: operation.storeName,
      });
      resumed += 1;
    }
    return resumed;
  }
}
