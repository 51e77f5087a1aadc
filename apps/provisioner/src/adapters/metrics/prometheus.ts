import { healthStates, type HealthState } from '@store-platform/contracts';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { Metrics } from '../../ports/metrics.js';

/**
 * Prometheus metrics (prom-client): stores by status and queue depth are read when scraped; operation durations and
 * failures are counted as operations end; stores' health is set as each is checked.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly durations: Histogram;
  private readonly failures: Counter;
  private readonly health: Gauge;
  private readonly checkDurations: Histogram;
  private readonly checkWork: Histogram;
  private readonly checked: Gauge;

  constructor(sources: {
    storesByStatus: () => Promise<Record<string, number>>;
    queueDepth: () => Promise<number>;
  }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'store_platform_' });
    this.durations = new Histogram({
      name: 'store_platform_operation_duration_seconds',
      help: 'How long store operations took, by kind and result',
      labelNames: ['kind', 'result'],
      buckets: [5, 15, 30, 60, 120, 300, 600],
      registers: [this.registry],
    });
    this.failures = new Counter({
      name: 'store_platform_operation_failures_total',
      help: 'Failed store operations, by kind and the step that failed',
      labelNames: ['kind', 'step'],
      registers: [this.registry],
    });
    // Named as the issue and docs/operations.md name them, so that alerts read `store_health{state="down"} == 1`.
    this.health = new Gauge({
      name: 'store_health',
      help: "Each Running store's observed health: 1 for its current state, 0 for the others",
      labelNames: ['store', 'state'],
      registers: [this.registry],
    });
    this.checkDurations = new Histogram({
      name: 'store_health_check_duration_seconds',
      help: 'How long one health cycle over every Running store took (it is spread over the interval)',
      buckets: [1, 5, 15, 30, 60, 120, 300],
      registers: [this.registry],
    });
    this.checkWork = new Histogram({
      name: 'store_health_check_busy_seconds',
      help: 'The work of one health cycle: its cluster reads and per-store checks, without the waits that spread them',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.checked = new Gauge({
      name: 'store_health_checked_stores',
      help: 'Stores the last health cycle checked',
      registers: [this.registry],
    });
    new Gauge({
      name: 'store_platform_stores',
      help: 'Stores by status',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [status, count] of Object.entries(await sources.storesByStatus()))
          this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'store_platform_queue_depth',
      help: 'Store operations waiting in the queue',
      registers: [this.registry],
      async collect() {
        this.set(await sources.queueDepth());
      },
    });
  }

  operationFinished(input: {
    kind: string;
    result: 'succeeded' | 'failed';
    seconds: number;
    failedStep?: string;
  }): void {
    this.durations.observe({ kind: input.kind, result: input.result }, input.seconds);
    if (input.result === 'failed')
      this.failures.inc({ kind: input.kind, step: input.failedStep ?? 'unknown' });
  }

  storeHealth(store: string, state: HealthState): void {
    for (const each of healthStates) this.health.set({ store, state: each }, each === state ? 1 : 0);
  }

  forgetStore(store: string): void {
    for (const state of healthStates) this.health.remove({ store, state });
  }

  healthCycleFinished(input: Parameters<Metrics['healthCycleFinished']>[0]): void {
    this.checkDurations.observe(input.seconds);
    this.checkWork.observe(input.busySeconds);
    this.checked.set(input.stores);
  }
}
