/**
 * API tokens of the provisioner process, against the run's real PostgreSQL and the local control plane: list,
 * revoke, expiry from the settings, scope (a role no higher than the owner's, narrower when minted by a token) and
 * the activity they leave. This provisioner runs with TOKEN_DEFAULT_TTL_DAYS=7 and TOKEN_MAX_TTL_DAYS=30.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { createDatabase, startProvisioner, type ProvisionerProcess } from './provisioner-process.js';
import { session } from './session-client.js';

let provisioner: ProvisionerProcess;
let db: pg.Client;
const day = 86_400_000;

beforeAll(async () => {
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'tokens');
  provisioner = await startProvisioner({
    DATABASE_URL: databaseUrl,
    TOKEN_DEFAULT_TTL_DAYS: '7',
    TOKEN_MAX_TTL_DAYS: '30',
  });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  for (const [username, role] of [
    ['olga', 'operator'],
    ['vera', 'viewer'],
    ['ada', 'admin'],
  ]) {
    const created = await provisioner.api.call('POST', '/auth/users', {
      body: { username, password: `${username}-password-1`, role },
    });
    expect(created.status).toBe(201);
  }
});
afterAll(async () => {
  await db?.end();
  await provisioner?.stop();
});

const signedIn = (username: string) => session(provisioner.url, username, `${username}-password-1`);
const bearer = (token: string) => apiClient(provisioner.url, token);
const inDays = (iso: unknown) => (new Date(String(iso)).getTime() - Date.now()) / day;

describe('API tokens', () => {
  it('lists your tokens without their secrets, and lets admins list anyone’s', async () => {
    const olga = await signedIn('olga');
    const created = await olga.call('POST', '/auth/tokens', { body: { name: 'ci' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'ci',
      role: 'operator',
      token: expect.stringMatching(/^spt_/),
    });
    expect(inDays(created.body.expiresAt)).toBeCloseTo(7, 1); // TOKEN_DEFAULT_TTL_DAYS
    expect((await bearer(String(created.body.token)).call('GET', '/stores')).status).toBe(200);

    const listed = await olga.call('GET', '/auth/tokens');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        id: created.body.id,
        name: 'ci',
        owner: 'olga',
        role: 'operator',
        createdAt: created.body.createdAt,
        lastUsedAt: expect.any(String),
        expiresAt: created.body.expiresAt,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(String(created.body.token));

    const byAdmin = await provisioner.api.call('GET', '/auth/tokens?username=olga');
    expect(byAdmin.body.items).toEqual(listed.body.items);
    const nosy = await olga.call('GET', '/auth/tokens?username=admin');
    expect(nosy.status).toBe(403);
    expect(nosy.body.message).toContain('only admins may list another user’s tokens');
  });

  it('revokes a token: it gets 401 at once and leaves the list; others’ tokens are not yours to revoke', async () => {
    const olga = await signedIn('olga');
    const { body: token } = await olga.call('POST', '/auth/tokens', { body: { name: 'to-revoke' } });
    const adminTokens = await provisioner.api.call('GET', '/auth/tokens');
    const adminToken = (adminTokens.body.items as { id: string }[])[0]?.id;
    const notYours = await olga.call('DELETE', `/auth/tokens/${adminToken}`);
    expect(notYours.status).toBe(404);
    expect(notYours.body.message).toContain('you have no token with id');

    expect((await olga.call('DELETE', `/auth/tokens/${token.id}`)).status).toBe(204);
    const refused = await bearer(String(token.token)).call('GET', '/stores');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('the bearer token is not valid');
    const names = ((await olga.call('GET', '/auth/tokens')).body.items as { name: string }[]).map(
      (t) => t.name,
    );
    expect(names).not.toContain('to-revoke');
    expect((await olga.call('DELETE', `/auth/tokens/${token.id}`)).status).toBe(404);

    // An admin revokes anyone's.
    const { body: other } = await olga.call('POST', '/auth/tokens', { body: { name: 'admin-revokes' } });
    expect((await provisioner.api.call('DELETE', `/auth/tokens/${other.id}`)).status).toBe(204);
    expect((await bearer(String(other.token)).call('GET', '/stores')).status).toBe(401);
  });

  it('expires tokens: lifetimes up to TOKEN_MAX_TTL_DAYS, and an expired token gets 401 saying so', async () => {
    const olga = await signedIn('olga');
    const tooLong = await olga.call('POST', '/auth/tokens', { body: { name: 'long', expiresInDays: 31 } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toContain('at most 30 days');
    const short = await olga.call('POST', '/auth/tokens', { body: { name: 'short', expiresInDays: 1 } });
    expect(short.status).toBe(201);
    expect(inDays(short.body.expiresAt)).toBeCloseTo(1, 1);
    expect((await bearer(String(short.body.token)).call('GET', '/stores')).status).toBe(200);

    await db.query(`update api_tokens set expires_at = now() - interval '1 second' where id = $1`, [
      short.body.id,
    ]);
    const expired = await bearer(String(short.body.token)).call('GET', '/stores');
    expect(expired.status).toBe(401);
    expect(expired.body.message).toBe('the bearer token has expired');
  });

  it('scopes a token to a role no higher than its owner’s, and narrower on request', async () => {
    const olga = await signedIn('olga');
    const above = await olga.call('POST', '/auth/tokens', { body: { name: 'x', role: 'admin' } });
    expect(above.status).toBe(403);
    expect(above.body.message).toContain('above your own role (operator)');
    const narrow = await olga.call('POST', '/auth/tokens', { body: { name: 'read-only', role: 'viewer' } });
    expect(narrow.status).toBe(201);
    expect(narrow.body.role).toBe('viewer');
    const asViewer = bearer(String(narrow.body.token));
    expect((await asViewer.call('GET', '/auth/me')).body).toMatchObject({ username: 'olga', role: 'viewer' });
    const write = await asViewer.call('DELETE', '/stores/anything');
    expect(write.status).toBe(403);
    expect(write.body.message).toContain('your role (viewer) may not do this');
  });

  it('mints a token from a token only for a strictly narrower role, and never past its own expiry', async () => {
    const vera = bearer(await apiClient(provisioner.url).tokenFor('vera', 'vera-password-1'));
    const fromViewer = await vera.call('POST', '/auth/tokens', { body: { name: 'more', role: 'viewer' } });
    expect(fromViewer.status).toBe(403);
    expect(fromViewer.body.message).toContain('a viewer token cannot create tokens');

    const olga = await signedIn('olga');
    const parent = await olga.call('POST', '/auth/tokens', { body: { name: 'parent', expiresInDays: 2 } });
    const operatorToken = bearer(String(parent.body.token));
    for (const body of [{ name: 'same' }, { name: 'same', role: 'operator' }]) {
      const refused = await operatorToken.call('POST', '/auth/tokens', { body });
      expect(refused.status, JSON.stringify(body)).toBe(403);
      expect(refused.body.message).toContain('narrower role than its own (operator)');
    }
    const child = await operatorToken.call('POST', '/auth/tokens', {
      body: { name: 'child', role: 'viewer', expiresInDays: 30 },
    });
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({ role: 'viewer', expiresAt: parent.body.expiresAt });
    const grandchild = await bearer(String(child.body.token)).call('POST', '/auth/tokens', {
      body: { name: 'grandchild', role: 'viewer' },
    });
    expect(grandchild.status).toBe(403);
  });

  it('gives a token at most its owner’s current role', async () => {
    const ada = bearer(await apiClient(provisioner.url).tokenFor('ada', 'ada-password-1'));
    expect((await ada.call('GET', '/auth/users')).status).toBe(200);
    const demoted = await provisioner.api.call('PATCH', '/auth/users/ada', { body: { role: 'viewer' } });
    expect(demoted.status).toBe(200);
    expect((await ada.call('GET', '/auth/me')).body).toMatchObject({ role: 'viewer' });
    expect((await ada.call('GET', '/auth/users')).status).toBe(403);
  });

  it('writes token-create and token-revoke to the activity log, without the secret', async () => {
    const olga = await signedIn('olga');
    const { body: token } = await olga.call('POST', '/auth/tokens', { body: { name: 'logged' } });
    await olga.call('DELETE', `/auth/tokens/${token.id}`);
    const { rows } = await db.query<{ actor: string; action: string; store: string | null; detail: string }>(
      `select actor, action, store, detail from activity where detail like '%"logged"%' order by id`,
    );
    expect(rows.map((r) => [r.actor, r.action, r.store])).toEqual([
      ['olga', 'token-create', null],
      ['olga', 'token-revoke', null],
    ]);
    const secrets = await db.query(`select 1 from activity where detail like $1`, [
      `%${String(token.token).slice(4)}%`,
    ]);
    expect(secrets.rowCount).toBe(0);
    // The owner sees their own account entries; another non-admin does not.
    const mine = await olga.call('GET', '/activity?action=token-revoke');
    expect((mine.body.items as { detail: string }[]).map((e) => e.detail)).toContainEqual(
      expect.stringContaining('"logged"'),
    );
    const vera = await signedIn('vera');
    const theirs = await vera.call('GET', '/activity?action=token-revoke');
    expect(theirs.body.total).toBe(0);
  });

  it('publishes the token and user routes in the OpenAPI document', async () => {
    const { body } = await apiClient(provisioner.url).call('GET', '/openapi.json');
    const paths = body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/auth/tokens',
        '/auth/tokens/{id}',
        '/auth/users',
        '/auth/users/{username}',
        '/auth/users/{username}/password',
        '/auth/password',
      ]),
    );
    expect(Object.keys(paths['/auth/tokens'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/auth/users/{username}'] ?? {})).toEqual(
      expect.arrayContaining(['patch', 'delete']),
    );
    expect(JSON.stringify(paths['/auth/users']?.get?.responses['200'])).toContain('lastSignInAt');
    expect(JSON.stringify(paths['/auth/tokens']?.get?.responses['200'])).toContain('expiresAt');
  });
});
