import PgBoss from 'pg-boss';

import type { JobQueue, OperationJob } from '../../ports/job-queue.js';

const queueName = 'store-operations';

/**
 * JobQueue on pg-boss (docs/decisions/005-provisioner-libraries.md): jobs live in PostgreSQL, so they survive
 * restarts and any replica may take them. A job that throws (a transient error such as a lost connection) is
 * retried with exponential backoff; a job that outlives the operation timeout expires and is retried too, which
 * is safe because every step converges when re-run.
 */
export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;

  constructor(
    connectionString: string,
    private readonly options: { concurrency: number; timeoutSeconds: number; retryLimit?: number },
  ) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: Math.max(2, options.concurrency) });
  }

  async start(onError: (error: Error) => void): Promise<void> {
    this.boss.on('error', onError);
    await this.boss.start();
    await this.createQueue();
  }

  /**
   * pg-boss's create_queue is idempotent (ON CONFLICT DO NOTHING), but replicas starting together on an empty
   * database can deadlock in it (each creates the queue's partition table); PostgreSQL then aborts one of them,
   * whose second attempt finds the queue made.
   */
  private async createQueue(attempt = 1): Promise<void> {
    try {
      await this.boss.createQueue(queueName, {
        name: queueName,
        retryLimit: this.options.retryLimit ?? 3,
        retryDelay: 5,
        retryBackoff: true,
        expireInSeconds: this.options.timeoutSeconds,
      });
    } catch (error) {
      const deadlock = (error as { code?: string }).code === '40P01';
      if (!deadlock || attempt >= 3) throw error;
      await this.createQueue(attempt + 1);
    }
  }

  async enqueue(job: OperationJob): Promise<void> {
    await this.boss.send(queueName, job, { singletonKey: job.operationId });
  }

  async depth(): Promise<number> {
    return this.boss.getQueueSize(queueName);
  }

  async work(handler: (job: OperationJob) => Promise<void>): Promise<void> {
    // pg-boss 10 runs one job per worker at a time: one worker per unit of concurrency.
    for (let i = 0; i < this.options.concurrency; i += 1) {
      await this.boss.work<OperationJob>(
        queueName,
        { batchSize: 1, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (job) await handler(job.data);
        },
      );
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
