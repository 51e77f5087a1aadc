/** One queued piece of work: run operation `operationId` on store `storeName`. */
export interface OperationJob {
  operationId: string;
  storeName: string;
}

/** A durable queue: jobs survive restarts and any replica may run them. */
export interface JobQueue {
  enqueue(job: OperationJob): Promise<void>;
  /** Jobs waiting to be taken. */
  depth(): Promise<number>;
  /** Runs `handler` for jobs as they come, up to the configured concurrency. */
  work(handler: (job: OperationJob) => Promise<void>): Promise<void>;
  /** Stops taking jobs and waits for the running ones (up to the queue's grace period). */
  stop(): Promise<void>;
}
