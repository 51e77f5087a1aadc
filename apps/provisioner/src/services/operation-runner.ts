import type { JobQueue, OperationJob } from '../ports/job-queue.js';
import type { Metrics } from '../ports/metrics.js';
import type { OperationLock } from '../ports/operation-lock.js';
import { runCreate } from './provisioning/create-flow.js';
import { runDelete } from './provisioning/delete-flow.js';
import type { ProvisioningDeps } from './provisioning/deps.js';

const lockKey = (store: string) => `store-operation:${store}`;

/** The worker's side: runs queued operations, one per store at a time, and resumes what a dead worker left. */
export class OperationRunner {
  constructor(
    private readonly deps: ProvisioningDeps,
    private readonly lock: OperationLock,
    private readonly queue: JobQueue,
    private readonly metrics: Metrics,
    private readonly log: (message: string, fields?: Record<string, unknown>) => void,
  ) {}

  /** Job handler: runs the operation unless another worker holds its store, or it already ended. */
  async handle(job: OperationJob): Promise<void> {
    const ran = await this.lock.tryRun(lockKey(job.storeName), () => this.execute(job.operationId));
    if (!ran) this.log('store is locked by another worker; leaving the operation to it', { ...job });
  }

  private async execute(operationId: string): Promise<void> {
    const { repository } = this.deps;
    const operation = await repository.getOperation(operationId);
    if (!operation || operation.phase === 'succeeded' || operation.phase === 'failed') return;
    const store = await repository.getStore(operation.storeName);
    if (!store) return;
    const started = Date.now();
    this.log('operation started', { operationId, store: store.name, kind: operation.kind });
    await repository.markOperationRunning(operationId);
    if (operation.kind === 'delete') await runDelete(this.deps, operation, store);
    else await runCreate(this.deps, operation, store);
    const finished = await repository.getOperation(operationId);
    const result = finished?.phase === 'succeeded' ? 'succeeded' : 'failed';
    this.metrics.operationFinished({
      kind: operation.kind,
      result,
      seconds: (Date.now() - started) / 1000,
      failedStep: finished?.error?.step,
    });
    await repository.appendActivity({
      actor: operation.startedBy,
      action: operation.kind,
      store: store.name,
      result,
      durationMs: Date.now() - started,
      detail: finished?.error?.message,
    });
    this.log('operation finished', {
      operationId,
      store: store.name,
      kind: operation.kind,
      result,
      ms: Date.now() - started,
    });
  }

  /**
   * Queues again every operation left running by a worker that died (its lock is free again, since the database
   * released the dead session's locks). The steps converge, so running them again finishes the work.
   */
  async resumeAbandoned(): Promise<number> {
    let resumed = 0;
    for (const operation of await this.deps.repository.unfinishedOperations()) {
      if (operation.phase !== 'running' || !(await this.lock.isFree(lockKey(operation.storeName)))) continue;
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
