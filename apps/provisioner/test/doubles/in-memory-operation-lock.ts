import type { OperationLock } from '../../src/ports/operation-lock.js';

/**
 * Locks in memory. `holdElsewhere` plays another worker that holds a store's lock (it is finishing the store's
 * previous operation); `calls` records "<method> <key>".
 */
export class InMemoryOperationLock implements OperationLock {
  readonly calls: string[] = [];
  private readonly held = new Set<string>();

  holdElsewhere(key: string): void {
    this.held.add(key);
  }

  async tryRun(key: string, work: () => Promise<void>): Promise<boolean> {
    this.calls.push(`tryRun ${key}`);
    if (this.held.has(key)) return false;
    this.held.add(key);
    try {
      await work();
    } finally {
      this.held.delete(key);
    }
    return true;
  }

  async isFree(key: string): Promise<boolean> {
    this.calls.push(`isFree ${key}`);
    return !this.held.has(key);
  }
}
