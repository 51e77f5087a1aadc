import { describe, expect, it } from 'vitest';

import { jobDeleted } from '../../ports/kube-client.js';
import { waitFor } from '../wait-for.js';
import type { ProvisioningDeps } from './deps.js';
import { hookJobCompleted } from './run-job.js';

/** The deps the wait reads: the Job's outcomes over successive reads, and the real polling helper. */
function depsAnswering(...outcomes: (string | undefined)[]): ProvisioningDeps {
  const kube = { jobOutcome: async () => (outcomes.length > 1 ? outcomes.shift() : outcomes[0]) };
  const poll = <T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number) =>
    waitFor(what, check, { timeoutMs, intervalMs: 1 });
  return { kube, waitFor: poll } as never;
}

describe('hookJobCompleted', () => {
  it('accepts a Job that completed, or that Helm deleted before its event was recorded', async () => {
    await expect(
      hookJobCompleted(depsAnswering(undefined, 'Completed'), 'shop', 'shop-setup', 1000),
    ).resolves.toBeUndefined();
    await expect(
      hookJobCompleted(depsAnswering(undefined, jobDeleted), 'shop', 'shop-setup', 1000),
    ).resolves.toBeUndefined();
  });

  it('fails with how the Job ended otherwise, and when nothing tells in time', async () => {
    await expect(
      hookJobCompleted(depsAnswering('BackoffLimitExceeded'), 'shop', 'shop-setup', 1000),
    ).rejects.toThrow('Job shop-setup did not complete (BackoffLimitExceeded)');
    await expect(hookJobCompleted(depsAnswering(undefined), 'shop', 'shop-setup', 50)).rejects.toThrow(
      'the outcome of Job shop-setup',
    );
  });
});
