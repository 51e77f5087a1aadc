/**
 * Password guessing against the provisioner process (real PostgreSQL, local control plane): lockouts per user name
 * and per address that grow with each failure, a cap on sign-in attempts per address, a cap on password hashes
 * running at once, and limits on making API tokens and users. TRUSTED_PROXY_HOPS=1, as behind the dashboard's
 * nginx, so that each attempt can come from an address of its own (X-Forwarded-For).
 */
import { waitFor } from '@store-platform/test-cluster';
import { describe, expect, it } from 'vitest';

import { apiClient } from './api-client.js';
import { useProvisioner } from './provisioner-process.js';

const provisioner = useProvisioner('login_protection', {
  TRUSTED_PROXY_HOPS: '1',
  LOGIN_FAILURES_PER_USER: '3',
  LOGIN_FAILURES_PER_ADDRESS: '6',
  LOGIN_LOCKOUT_SECONDS: '2',
  LOGIN_LOCKOUT_MAX_SECONDS: '8',
  LOGIN_ATTEMPTS_PER_MINUTE: '10',
  LOGIN_HASH_CONCURRENCY: '1',
  CREDENTIAL_CREATES_PER_HOUR: '3',
});

let lastAddress = 0;
/** An address no attempt has come from yet. */
const freshAddress = () => {
  lastAddress += 1;
  return `10.77.${Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
};

/** One sign-in attempt from `address`: its status, Retry-After (seconds) and message. */
async function attempt(username: string, password: string, address = freshAddress()) {
  const response = await fetch(`${provisioner().url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { message?: string };
  const retryAfter = response.headers.get('retry-after');
  return {
    status: response.status,
    retryAfter: retryAfter === null ? undefined : Number(retryAfter),
    message: body.message,
  };
}

/** Tries (from new addresses) until the answer is not 429: the lockout has passed. */
const untilUnlocked = (username: string, password: string) =>
  waitFor(
    `the lockout of ${username} to pass`,
    async () => {
      const result = await attempt(username, password);
      return result.status === 429 ? undefined : result;
    },
    { timeoutMs: 20_000, intervalMs: 500 },
  );

const lena = { username: 'lena', password: 'lena-sign-in-phrase-7' };

describe('login protection', () => {
  it('locks a user name after repeated failures, longer each time, whether it exists or not', async () => {
    const created = await provisioner().api.call('POST', '/auth/users', {
      body: { ...lena, role: 'viewer' },
    });
    expect(created.status).toBe(201);
    for (const username of [lena.username, 'nobody-by-that-name']) {
      for (let failure = 1; failure <= 3; failure += 1) {
        expect((await attempt(username, 'not-the-password')).status, `${username} #${failure}`).toBe(401);
      }
      // Locked, for everyone: even the right password, from another address, waits.
      const locked = await attempt(username, username === lena.username ? lena.password : 'any');
      expect(locked).toEqual({
        status: 429,
        retryAfter: 2,
        message: 'too many failed sign-ins for this user name; try again in 2 s',
      });
      // The first failure after the lockout locks it again, for twice as long.
      expect((await untilUnlocked(username, 'still-not-the-password')).status).toBe(401);
      const longer = await attempt(username, 'not-the-password');
      expect([longer.status, longer.retryAfter]).toEqual([429, 4]);
    }
  });

  it('forgets the failures of a user name when its owner signs in', async () => {
    expect((await untilUnlocked(lena.username, lena.password)).status).toBe(200);
    for (let failure = 1; failure <= 2; failure += 1) {
      expect((await attempt(lena.username, 'not-the-password')).status).toBe(401);
    }
    expect((await attempt(lena.username, lena.password)).status).toBe(200);
  });

  it('locks an address that fails for many user names, and only that address', async () => {
    const address = freshAddress();
    for (let user = 1; user <= 6; user += 1) {
      expect((await attempt(`guess-${user}`, 'not-the-password', address)).status).toBe(401);
    }
    const locked = await attempt('admin', provisioner().adminPassword, address);
    expect(locked).toEqual({
      status: 429,
      retryAfter: 2,
      message: 'too many failed sign-ins from your address; try again in 2 s',
    });
    expect((await attempt('admin', provisioner().adminPassword)).status).toBe(200);
  });

  it('limits the sign-in attempts of one address per minute, failed or not', async () => {
    const address = freshAddress();
    for (let n = 1; n <= 10; n += 1) {
      expect((await attempt('admin', provisioner().adminPassword, address)).status).toBe(200);
    }
    const refused = await attempt('admin', provisioner().adminPassword, address);
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(
      /^too many sign-in attempts from your address: at most 10 a minute; try again in \d+ s$/,
    );
    expect(refused.retryAfter).toBeGreaterThan(0);
  });

  it('hashes one password at a time (LOGIN_HASH_CONCURRENCY=1): a burst gets 503 and a reason, never an error', async () => {
    const burst = await Promise.all(
      Array.from({ length: 40 }, () => attempt('admin', provisioner().adminPassword)),
    );
    const statuses = burst.map((r) => r.status);
    expect([...new Set(statuses)].sort()).toEqual([200, 503]);
    const busy = burst.find((r) => r.status === 503);
    expect(busy).toEqual({
      status: 503,
      retryAfter: 1,
      message: 'too many sign-ins at once; try again in a moment',
    });
    // Nothing stays stuck: the next sign-in goes through.
    expect((await attempt('admin', provisioner().adminPassword)).status).toBe(200);
  });

  it('limits the API tokens one user makes, and the users one admin makes, per hour', async () => {
    const tess = { username: 'tess', password: 'tess-sign-in-phrase-9' };
    // The admin's second user of the hour (after lena).
    expect(
      (await provisioner().api.call('POST', '/auth/users', { body: { ...tess, role: 'operator' } })).status,
    ).toBe(201);
    // tokenFor makes tess's first token.
    const client = apiClient(
      provisioner().url,
      await apiClient(provisioner().url).tokenFor(tess.username, tess.password),
    );
    // Made with a token, so each asks for a narrower role than tess's.
    for (const name of ['second', 'third']) {
      const made = await client.call('POST', '/auth/tokens', { body: { name, role: 'viewer' } });
      expect(made.status, name).toBe(201);
    }
    const fourth = await client.call('POST', '/auth/tokens', { body: { name: 'fourth', role: 'viewer' } });
    expect(fourth.status).toBe(429);
    expect(fourth.body.message).toMatch(/^too many API tokens made: at most 3 an hour; try again in \d+ s$/);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);

    const third = await provisioner().api.call('POST', '/auth/users', {
      body: { username: 'ugo', password: 'ugo-sign-in-phrase-3', role: 'viewer' },
    });
    expect(third.status).toBe(201);
    const refused = await provisioner().api.call('POST', '/auth/users', {
      body: { username: 'una', password: 'una-sign-in-phrase-5', role: 'viewer' },
    });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^too many users created: at most 3 an hour; try again in \d+ s$/);
  });
});
