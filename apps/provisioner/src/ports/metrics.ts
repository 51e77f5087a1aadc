/** What the services report for Prometheus. */
export interface Metrics {
  operationFinished(input: {
    kind: string;
    result: 'succeeded' | 'failed';
    seconds: number;
    failedStep?: string;
  }): void;
}
