import type { HealthState } from '@store-platform/contracts';

import type { Metrics } from '../../src/ports/metrics.js';

/** Metrics that keep what was reported, to see what Prometheus would count. */
export class RecordingMetrics implements Metrics {
  readonly finished: Parameters<Metrics['operationFinished']>[0][] = [];
  /** The `store_health` series: each store's current state (forgotten stores are removed). */
  readonly health = new Map<string, HealthState>();
  readonly cycles: Parameters<Metrics['healthCycleFinished']>[0][] = [];

  operationFinished(input: Parameters<Metrics['operationFinished']>[0]): void {
    this.finished.push(input);
  }

  storeHealth(store: string, state: HealthState): void {
    this.health.set(store, state);
  }

  forgetStore(store: string): void {
    this.health.delete(store);
  }

  healthCycleFinished(input: Parameters<Metrics['healthCycleFinished']>[0]): void {
    this.cycles.push(input);
  }
}
