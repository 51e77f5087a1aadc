import { defineConfig } from 'vitest/config';

// One runner for the whole repository (see docs/decisions/001-test-runner.md).
// unit: pure logic and chart rendering (the real helm, no cluster). integration: named *.int.test.ts, run
// against the real local control plane and PostgreSQL that test/cluster starts once per run.
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    // Most of an integration test's time is spent waiting (on the API server, kwok, Helm, PostgreSQL), so files
    // run three at a time even on two cores; Vitest's default is one fewer than the cores, one file at a time here.
    // Files running together share the cluster, so each names its stores (namespace store-{name}) uniquely.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'apps/*/src/**/*.test.{ts,tsx}',
            'apps/*/test/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['@store-platform/test-cluster/global-setup'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
