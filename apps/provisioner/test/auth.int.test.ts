/**
 * Sign-in, roles, CSRF and API tokens of the provisioner process, against the run's real PostgreSQL and the
 * local control plane (its readiness needs both).
 */
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { createDatabase, startProvisioner, useProvisioner } from './provisioner-process.js';

const provisioner = useProvisioner('auth');

/** Signs in like the dashboard does; returns the cookie header and the CSRF token. */
async function signIn(username: string, password: string) {
  const response = await fetch(`${provisioner().url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const body = (await response.json()) as { role: string; csrfToken: string; message?: string };
  return { status: response.status, setCookie, cookie: setCookie.split(';')[0] ?? '', body };
}

const newStore = { name: 'not-created', engine: 'woocommerce', plan: 'basic' };

describe('sign-in and roles', () => {
  it('answers 401 with the reason to a caller who has not signed in', async () => {
    const response = await apiClient(provisioner().url).call('POST', '/stores', { body: { nonsense: true } });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      code: 'unauthenticated',
      message: expect.stringContaining('sign in first'),
    });
  });

  it('refuses a wrong password without telling whether the user exists', async () => {
    for (const username of ['admin', 'nobody']) {
      const { status, body } = await signIn(username, 'not-the-password');
      expect(status).toBe(401);
      expect(body.message).toBe('wrong user name or password');
    }
  });

  it('signs in with an HTTP-only SameSite cookie and protects its writes against CSRF', async () => {
    const session = await signIn('admin', provisioner().adminPassword);
    expect(session.status).toBe(200);
    expect(session.setCookie).toMatch(/HttpOnly/i);
    expect(session.setCookie).toMatch(/SameSite=Strict/i);
    const withCookie = apiClient(provisioner().url);
    const me = await withCookie.call('GET', '/auth/me', { headers: { cookie: session.cookie } });
    expect(me.body).toMatchObject({ username: 'admin', role: 'admin' });
    // The dashboard's first question, answered without a 401 either way.
    const signedIn = await withCookie.call('GET', '/auth/session', { headers: { cookie: session.cookie } });
    expect(signedIn.body).toEqual({
      user: { username: 'admin', role: 'admin', csrfToken: me.body.csrfToken },
    });
    const anonymous = await withCookie.call('GET', '/auth/session', {
      headers: { cookie: 'sp_session=forged' },
    });
    expect([anonymous.status, anonymous.body]).toEqual([200, { user: null }]);

    const forged = await withCookie.call('POST', '/stores', {
      body: newStore,
      headers: { cookie: session.cookie },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.message).toContain('X-CSRF-Token');
    const invalid = await withCookie.call('POST', '/stores', {
      body: { ...newStore, name: 'x' },
      headers: { cookie: session.cookie, 'x-csrf-token': session.body.csrfToken },
    });
    expect(invalid.status).toBe(400);

    const out = await withCookie.call('POST', '/auth/logout', {
      headers: { cookie: session.cookie, 'x-csrf-token': session.body.csrfToken },
    });
    expect(out.status).toBe(204);
    const after = await withCookie.call('GET', '/stores', { headers: { cookie: session.cookie } });
    expect(after.status).toBe(401);
    expect(after.body.message).toContain('sign in again');
  });

  it('lets a viewer read but not create or delete, and says which role is needed', async () => {
    const created = await provisioner().api.call('POST', '/auth/users', {
      body: { username: 'vera', password: 'viewer-password-1', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    const viewer = apiClient(
      provisioner().url,
      await apiClient(provisioner().url).tokenFor('vera', 'viewer-password-1'),
    );
    expect((await viewer.call('GET', '/stores')).status).toBe(200);
    for (const [method, path] of [
      ['POST', '/stores'],
      ['DELETE', '/stores/any-store'],
      ['POST', '/stores/any-store/retry'],
    ] as const) {
      const response = await viewer.call(
        method,
        path,
        method === 'POST' && path === '/stores' ? { body: newStore } : {},
      );
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.message).toBe('your role (viewer) may not do this; it needs operator or above');
    }
    const reveal = await viewer.call('POST', '/stores/any-store/credentials');
    expect(reveal.status).toBe(403);
    expect(reveal.body.message).toBe('your role (viewer) may not do this; it needs admin or above');
    const promote = await viewer.call('POST', '/auth/users', {
      body: { username: 'mallory', password: 'mallory-password', role: 'admin' },
    });
    expect(promote.status).toBe(403);
    expect((await provisioner().api.call('GET', '/stores/not-created')).status).toBe(404);
  });

  it('publishes its OpenAPI document without sign-in', async () => {
    const response = await apiClient(provisioner().url).call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths as object)).toEqual(
      expect.arrayContaining(['/stores', '/stores/{name}', '/auth/login']),
    );
  });

  it('refuses a bearer token that was never issued', async () => {
    const response = await apiClient(provisioner().url, 'spt_forged').call('GET', '/stores');
    expect(response.status).toBe(401);
    expect(response.body.message).toContain('bearer token is not valid');
  });

  it('starts two replicas together on an empty database: one first admin, both serving', async () => {
    const databaseUrl = await createDatabase(inject('databaseUrl'), 'auth_replicas');
    const env = { DATABASE_URL: databaseUrl, PLATFORM_ADMIN_PASSWORD: 'shared-admin-password-1' };
    const replicas = await Promise.all([startProvisioner(env), startProvisioner(env)]);
    try {
      // Each replica signed its admin in while starting (startProvisioner makes a token); both still serve.
      for (const replica of replicas) {
        expect(replica.child.exitCode).toBeNull();
        expect((await replica.api.call('GET', '/stores')).status).toBe(200);
      }
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ username: string }>('select username from users');
        expect(rows).toEqual([{ username: 'admin' }]);
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
    }
  });
});
