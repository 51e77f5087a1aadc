import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { Metrics } from '../../ports/metrics.js';

/**
 * Prometheus metrics (prom-client): stores by status and queue depth are read when scraped; operation durations and
 * failures are counted as operations end.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly durations: Histogram;
  private readonly failures: Counter;

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
}
