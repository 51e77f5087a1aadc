import type { Metrics } from '../../src/ports/metrics.js';

/** Metrics that keep what was reported, to see what Prometheus would count. */
export class RecordingMetrics implements Metrics {
  readonly finished: Parameters<Metrics['operationFinished']>[0][] = [];

  operationFinished(input: Parameters<Metrics['operationFinished']>[0]): void {
    this.finished.push(input);
  }
}
