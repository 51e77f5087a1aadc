/** Mutual exclusion across replicas: at most one worker runs operations of a store at a time. */
export interface OperationLock {
  /** Runs `work` holding lock `key` and resolves true; resolves false at once when another holder has it. */
  tryRun(key: string, work: () => Promise<void>): Promise<boolean>;
  /** Whether `key` is free right now (no live worker holds it). */
  isFree(key: string): Promise<boolean>;
}
