import { defineConfig } from 'vitest/config';

// One runner for the whole repository (see docs/decisions/001-test-runner.md).
// unit: pure logic and chart rendering (the real helm, no cluster). integration: named *.int.test.ts, run
// against the real local control plane and PostgreSQL that test/cluster starts once per run.
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
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
