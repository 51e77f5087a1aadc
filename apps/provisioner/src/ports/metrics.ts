import type { HealthState } from '@store-platform/contracts';

/** What the services report for Prometheus. */
export interface Metrics {
  operationFinished(input: {
    kind: string;
    result: 'succeeded' | 'failed';
    seconds: number;
    failedStep?: string;
  }): void;
  /** A store's health as just checked (`store_health{store,state}`: 1 for this state, 0 for the others). */
  storeHealth(store: string, state: HealthState): void;
  /** Drops the health series of a store that no longer exists. */
  forgetStore(store: string): void;
  /**
   * One health cycle ended: how long it took (spread over the interval by design), how long it worked (its reads
   * and writes, without the waits that spread them) and how many stores it checked.
   */
  healthCycleFinished(input: { seconds: number; busySeconds: number; stores: number }): void;
}
