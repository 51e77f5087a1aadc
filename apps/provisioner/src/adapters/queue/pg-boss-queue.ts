import PgBoss from 'pg-boss';

import type { JobQueue, OperationJob } from '../../ports/job-queue.js';
import { PgListener } from '../db/pg-listener.js';

const queueName = 'store-operations';
/** NOTIFYed after each enqueue, so that idle workers of every replica fetch at once instead of at their next poll. */
const queuedChannel = 'store_operations_queued';
/** How often an idle worker looks for jobs when no notification came (a lost one, a retry whose delay ended). */
const defaultPollingIntervalSeconds = 1;

/**
 * JobQueue on pg-boss (docs/decisions/005-provisioner-libraries.md): jobs live in PostgreSQL, so they survive
 * restarts and any replica may take them. A job that throws (a transient error such as a lost connection) is
 * retried with exponential backoff; a job that outlives the operation timeout expires and is retried too, which
 * is safe because every step converges when re-run.
 */
export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly workerIds: string[] = [];
  private wakeUps: PgListener | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly options: {
      concurrency: number;
      timeoutSeconds: number;
      retryLimit?: number;
      /** Tests set it long, to see that a job is taken on its notification, not at a poll. */
      pollingIntervalSeconds?: number;
      log?: (message: string, error?: unknown) => void;
    },
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
    // Measured by make bench: without it a job waited half a polling interval on average (0.5 s of a 5 s create).
    await this.boss.getDb().executeSql('select pg_notify($1, $2)', [queuedChannel, job.operationId]);
  }

  async depth(): Promise<number> {
    return this.boss.getQueueSize(queueName);
  }

  async work(handler: (job: OperationJob) => Promise<void>): Promise<void> {
    // pg-boss 10 runs one job per worker at a time: one worker per unit of concurrency.
    for (let i = 0; i < this.options.concurrency; i += 1) {
      const id = await this.boss.work<OperationJob>(
        queueName,
        {
          batchSize: 1,
          pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? defaultPollingIntervalSeconds,
        },
        async ([job]) => {
          if (job) await handler(job.data);
        },
      );
      this.workerIds.push(id);
    }
    // Every idle worker fetches (one of them gets the job, SKIP LOCKED); busy ones ignore it. While the listener is
    // not connected the workers still poll: a wake-up is an optimisation, never needed.
    const wakeAll = () => this.workerIds.forEach((workerId) => this.boss.notifyWorker(workerId));
    const log = this.options.log ?? (() => undefined);
    this.wakeUps = new PgListener(
      'queue wake-up',
      this.connectionString,
      queuedChannel,
      { notified: wakeAll, reconnected: wakeAll },
      log,
    );
    this.wakeUps.startInBackground();
  }

  async stop(): Promise<void> {
    await this.wakeUps?.stop();
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
