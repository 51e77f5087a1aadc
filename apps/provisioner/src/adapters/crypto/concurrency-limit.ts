/** Refusal of a task by a ConcurrencyLimit: too many run or wait already. */
export class ConcurrencyLimitBusy extends Error {
  constructor() {
    super('too many tasks at once');
    this.name = 'ConcurrencyLimitBusy';
  }
}

/**
 * A semaphore with a bounded, timed queue: at most `max` tasks run at once, at most `maxWaiting` wait for a place
 * (in order), each for at most `waitMs`. A task that cannot start is refused with ConcurrencyLimitBusy and never
 * runs, so that a flood is answered at once instead of piling up memory and latency.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly queue: { start: () => void }[] = [];

  constructor(private readonly options: { max: number; maxWaiting: number; waitMs: number }) {}

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.max) await this.place();
    else this.active += 1;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Waits until a running task hands over its place (the count stays, as the place passes on). */
  private place(): Promise<void> {
    if (this.queue.length >= this.options.maxWaiting) return Promise.reject(new ConcurrencyLimitBusy());
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(entry), 1);
        reject(new ConcurrencyLimitBusy());
      }, this.options.waitMs);
      this.queue.push(entry);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next.start();
    else this.active -= 1;
  }
}
