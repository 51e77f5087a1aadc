import { describe, expect, it } from 'vitest';

import { waitFor } from './wait-for.js';

/** A check that answers from a script, one entry per call: a value, undefined (not yet), or an error to throw. */
function scripted<T>(answers: (T | undefined | Error)[]) {
  let calls = 0;
  const check = async () => {
    const answer = answers[Math.min(calls, answers.length - 1)];
    calls += 1;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { check, calls: () => calls };
}

describe('waitFor', () => {
  it('returns the first value the check gives', async () => {
    const { check, calls } = scripted([undefined, undefined, 'ready']);
    await expect(waitFor('the thing', check, { timeoutMs: 1000, intervalMs: 1 })).resolves.toBe('ready');
    expect(calls()).toBe(3);
  });

  it('fails at once with the check’s own error, as the worker needs', async () => {
    const { check, calls } = scripted<string>([new Error('namespaces is forbidden')]);
    await expect(waitFor('the namespace', check, 1000)).rejects.toThrow('namespaces is forbidden');
    expect(calls()).toBe(1);
  });

  it('retries errors when asked, and names what it saw last when time runs out', async () => {
    const recovers = scripted([new Error('not yet'), 'done']);
    await expect(
      waitFor('the job', recovers.check, { timeoutMs: 1000, intervalMs: 1, retryErrors: true }),
    ).resolves.toBe('done');
    const never = scripted<string>([new Error('store shop is provisioning')]);
    await expect(
      waitFor('store shop to be running', never.check, { timeoutMs: 20, intervalMs: 1, retryErrors: true }),
    ).rejects.toThrow(
      'timed out after 0.02 s waiting for store shop to be running; last seen: store shop is provisioning',
    );
  });
});
