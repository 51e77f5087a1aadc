/**
 * Small hardening of the provisioner process's HTTP side, against the run's real PostgreSQL and the local control
 * plane: the password rule, control characters in query strings, security headers on API answers, and readiness
 * answers that name a dependency without its error.
 */
import { waitFor } from '@store-platform/test-cluster';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { createDatabase, startProvisioner, useProvisioner } from './provisioner-process.js';

const provisioner = useProvisioner('hardening');

describe('password rule', () => {
  it('refuses common, repeated and name-based passwords for a new user, saying why', async () => {
    const create = (username: string, password: string) =>
      provisioner().api.call('POST', '/auth/users', { body: { username, password, role: 'viewer' } });
    for (const [password, reason] of [
      ['aaaaaaaaaaaa', 'repeated characters like "aaa" are easy to guess'],
      ['password1234', 'it is close to a commonly used password'],
      ['abcdefghijklm', 'sequences like "abc" or "6543" are easy to guess'],
      ['qwertyuiopasdf', 'it is close to a commonly used password'],
    ] as const) {
      const refused = await create('wendy', password);
      expect(refused.status, password).toBe(400);
      expect(refused.body.message, password).toContain(`password is too easy to guess: ${reason}`);
      expect(refused.body.details).toEqual({
        fields: [{ field: 'body.password', problem: expect.stringContaining(reason) }],
      });
    }
    const named = await create('wilhelmina', 'wilhelmina1990');
    expect(named.status).toBe(400);
    expect(named.body.message).toContain('it contains the user name');
    expect((await create('wendy', 'wendy-keeps-eleven-plants')).status).toBe(201);
  });

  it('refuses to start with a weak PLATFORM_ADMIN_PASSWORD on an empty platform, saying why', async () => {
    const databaseUrl = await createDatabase(inject('databaseUrl'), 'hardening_weak_admin');
    await expect(
      startProvisioner({ DATABASE_URL: databaseUrl, PLATFORM_ADMIN_PASSWORD: 'password1234' }),
    ).rejects.toThrow(
      /PLATFORM_ADMIN_PASSWORD is too easy to guess: it is close to a commonly used password/,
    );
  });
});

describe('query strings', () => {
  it('refuses control characters with 400 and the parameter at fault', async () => {
    for (const path of ['/activity?store=%00', '/stores?q=%00', '/stores?q=a%1Fb', '/activity?actor=x%7F']) {
      const response = await provisioner().api.call('GET', path);
      expect(response.status, path).toBe(400);
      expect(response.body.code, path).toBe('validation_failed');
      expect(response.body.message, path).toMatch(
        /^invalid request: querystring\.(store|q|actor): contains a control character \(such as a NUL byte\)$/,
      );
    }
    expect((await provisioner().api.call('GET', '/stores?q=caf%C3%A9')).status).toBe(200);
  });
});

describe('security headers', () => {
  it('come with every API answer', async () => {
    const response = await provisioner().api.call('GET', '/stores');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self';style-src-elem 'self' 'unsafe-inline';frame-ancestors 'none';object-src 'none';base-uri 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('readiness', () => {
  // Last: the database refuses this provisioner's connections for a while.
  it('says which dependency is down, and keeps the error for the log', async () => {
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    const ready = () => fetch(`${provisioner().url}/health/ready`);
    try {
      await admin.query('alter database hardening with allow_connections false');
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = 'hardening' and pid <> pg_backend_pid()`,
      );
      // The change feed's connection was cut too; it notices by itself, maybe after the first failed answer.
      const down = await waitFor('readiness to fail on the database and the change feed', async () => {
        const response = await ready();
        const text = await response.text();
        return response.status === 503 && text.includes('"changeFeed":"unreachable"') ? text : undefined;
      });
      expect(JSON.parse(down)).toEqual({
        status: 'unavailable',
        database: 'unreachable',
        kubernetes: 'ok',
        changeFeed: 'unreachable',
      });
      // The driver's error (refused, terminated, whichever the check met) is in the log only; the log comes
      // through a pipe, so it may arrive after the answer.
      const reason = await waitFor('the readiness failure in the log', async () => {
        const line = provisioner()
          .output()
          .split('\n')
          .find((l) => l.includes('readiness: database unreachable'));
        return line ? (JSON.parse(line) as { err?: { message?: string } }).err?.message : undefined;
      });
      expect(reason).toMatch(/connection/i);
      expect(down).not.toContain(reason);
    } finally {
      await admin.query('alter database hardening with allow_connections true');
      await admin.end();
    }
    await waitFor('readiness to come back', async () => ((await ready()).status === 200 ? true : undefined));
    expect((await apiClient(provisioner().url).call('GET', '/openapi.json')).status).toBe(200);
  });
});
