/**
 * User names must not leak through the time a sign-in takes: the provisioner process (real PostgreSQL, local
 * control plane) verifies a password for an unknown user name too, against a hash made once at start. The
 * lockouts are set out of reach here, as this test fails many times on purpose.
 */
import { performance } from 'node:perf_hooks';

import { describe, expect, it } from 'vitest';

import { useProvisioner } from './provisioner-process.js';

const provisioner = useProvisioner('login_timing', {
  LOGIN_FAILURES_PER_USER: '10000',
  LOGIN_FAILURES_PER_ADDRESS: '10000',
  LOGIN_ATTEMPTS_PER_MINUTE: '10000',
});

/** Milliseconds a wrong-password sign-in as `username` takes (it must be refused with 401). */
async function timedFailure(username: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${provisioner().url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'not-the-password' }),
  });
  await response.text();
  const elapsed = performance.now() - started;
  expect(response.status).toBe(401);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

describe('sign-in timing', () => {
  it('takes as long for an unknown user name as for a known one with a wrong password', async () => {
    await timedFailure('admin'); // the first request of a process pays for warming up
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so that a load that comes and goes on the machine weighs on both alike.
    for (let i = 0; i < 30; i += 1) {
      known.push(await timedFailure('admin'));
      unknown.push(await timedFailure(`nobody-${i}`));
    }
    const [knownMs, unknownMs] = [median(known), median(unknown)];
    console.log(
      `median sign-in failure: known user ${knownMs.toFixed(1)} ms, unknown ${unknownMs.toFixed(1)} ms`,
    );
    // Without a hash for unknown names they took a sixth of the time (3-4 ms against 21-28 ms).
    expect(unknownMs).toBeGreaterThanOrEqual(0.5 * knownMs);
    expect(unknownMs).toBeLessThanOrEqual(2 * knownMs);
  });
});
