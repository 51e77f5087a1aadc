import type { JobQueue, OperationJob } from '../../src/ports/job-queue.js';

/** A queue in memory: `jobs` are those enqueued and not yet taken; `runNext` hands the oldest to the worker. */
export class InMemoryJobQueue implements JobQueue {
  readonly jobs: OperationJob[] = [];
  stopped = false;
  private handler: ((job: OperationJob) => Promise<void>) | undefined;

  async enqueue(job: OperationJob): Promise<void> {
    this.jobs.push({ ...job });
  }

  async depth(): Promise<number> {
    return this.jobs.length;
  }

  async work(handler: (job: OperationJob) => Promise<void>): Promise<void> {
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  /** Runs the oldest job through the handler given to `work`; a job whose handler fails goes back, to be retried. */
  async runNext(): Promise<void> {
    const job = this.jobs.shift();
    if (!job || !this.handler) throw new Error('no job, or no worker, to run it');
    try {
      await this.handler(job);
    } catch (error) {
      this.jobs.push(job);
      throw error;
    }
  }
}
