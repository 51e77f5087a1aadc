/**
 * Users and passwords of the provisioner process, against the run's real PostgreSQL and the local control plane:
 * the admin's list, disable/enable, delete and role change (never the last admin), password change and reset,
 * the password rule on every new password, and the sessions, tokens and open event streams those end.
 */
import { waitFor } from '@store-platform/test-cluster';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { PgUserRepository } from '../src/adapters/db/pg-user-repository.js';
import { apiClient } from './api-client.js';
import { openStream, type OpenStream } from './event-stream.js';
import { createDatabase, startProvisioner, type ProvisionerProcess } from './provisioner-process.js';
import { session, signIn } from './session-client.js';

let provisioner: ProvisionerProcess;
let db: pg.Client;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createDatabase(inject('databaseUrl'), 'users');
  // Streams are rechecked an hour apart: one that ends within seconds was ended by the change itself.
  provisioner = await startProvisioner({ DATABASE_URL: databaseUrl, STREAM_RECHECK_SECONDS: '3600' });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await provisioner?.stop();
});

const password = (username: string) => `${username}-password-1`;
async function createUser(username: string, role: string) {
  const created = await provisioner.api.call('POST', '/auth/users', {
    body: { username, password: password(username), role },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}
const tokenOf = (username: string, pw = password(username)) =>
  apiClient(provisioner.url)
    .tokenFor(username, pw)
    .then((t) => apiClient(provisioner.url, t));
const admin = () => provisioner.api;

describe('the password rule', () => {
  it('refuses an easy password when a user is created, a password changed or reset, naming the field', async () => {
    const easy = 'password1234';
    const created = await admin().call('POST', '/auth/users', {
      body: { username: 'eve', password: easy, role: 'viewer' },
    });
    await createUser('earl', 'viewer');
    const earl = await session(provisioner.url, 'earl', password('earl'));
    const changed = await earl.call('PUT', '/auth/password', {
      body: { currentPassword: password('earl'), newPassword: easy },
    });
    const reset = await admin().call('PUT', '/auth/users/earl/password', { body: { password: easy } });
    for (const [refused, field] of [
      [created, 'body.password'],
      [changed, 'body.newPassword'],
      [reset, 'body.password'],
    ] as const) {
      expect(refused.status, field).toBe(400);
      expect(refused.body.message).toBe(
        'the password is too easy to guess: it is close to a commonly used password; add a word or two; uncommon words are better',
      );
      expect(refused.body.details).toMatchObject({ fields: [{ field }] });
    }
    expect((await admin().call('GET', '/auth/users')).body.items).not.toContainEqual(
      expect.objectContaining({ username: 'eve' }),
    );
    expect((await signIn(provisioner.url, 'earl', password('earl'))).status).toBe(200);
  });
});

describe('open event streams', () => {
  const opened: OpenStream[] = [];
  afterAll(() => opened.forEach((stream) => stream.abort()));
  const open = async (headers: Record<string, string>) => {
    const stream = await openStream(provisioner.url, headers);
    expect(stream.status, JSON.stringify(stream.refusal)).toBe(200);
    opened.push(stream);
    return stream;
  };
  /** The reasons the stream was ended with, once the server has ended it. */
  const endings = async (stream: OpenStream) => {
    await waitFor('the stream to end', async () => (stream.hasEnded() ? true : undefined), {
      timeoutMs: 10_000,
    });
    return stream.events.filter((e) => e.event === 'session-ended').map((e) => e.data.message);
  };

  it('end at once when their user is disabled, gets a new password or is deleted', async () => {
    await createUser('sven', 'viewer');
    const browser = await session(provisioner.url, 'sven', password('sven'));
    const token = await apiClient(provisioner.url).tokenFor('sven', password('sven'));
    const byCookie = await open({ cookie: browser.cookie });
    const byToken = await open({ authorization: `Bearer ${token}` });
    expect((await admin().call('PATCH', '/auth/users/sven', { body: { disabled: true } })).status).toBe(200);
    for (const stream of [byCookie, byToken])
      expect(await endings(stream)).toEqual(['your account was disabled by an admin']);

    // A password change ends the streams of the other sessions, not of the one that made it.
    expect((await admin().call('PATCH', '/auth/users/sven', { body: { disabled: false } })).status).toBe(200);
    const here = await session(provisioner.url, 'sven', password('sven'));
    const elsewhere = await session(provisioner.url, 'sven', password('sven'));
    const hereStream = await open({ cookie: here.cookie });
    const elsewhereStream = await open({ cookie: elsewhere.cookie });
    const moved = 'sven-moved-to-the-harbour';
    const changed = await here.call('PUT', '/auth/password', {
      body: { currentPassword: password('sven'), newPassword: moved },
    });
    expect(changed.status).toBe(204);
    expect(await endings(elsewhereStream)).toEqual([
      'your password was changed in another session; sign in again',
    ]);
    // An admin's reset ends the one left, and it is the first reason it gets.
    const reset = await admin().call('PUT', '/auth/users/sven/password', {
      body: { password: 'sven-reset-by-an-admin-7' },
    });
    expect(reset.status).toBe(204);
    expect(await endings(hereStream)).toEqual([
      'an admin set a new password for your account; sign in again',
    ]);

    const last = await session(provisioner.url, 'sven', 'sven-reset-by-an-admin-7');
    const lastStream = await open({ cookie: last.cookie });
    expect((await admin().call('DELETE', '/auth/users/sven')).status).toBe(204);
    expect(await endings(lastStream)).toEqual(['your account was deleted by an admin']);
  });
});

describe('users', () => {
  it('lists users for admins only, and lets only admins change them', async () => {
    await createUser('vera', 'viewer');
    await createUser('olga', 'operator');
    const list = await admin().call('GET', '/auth/users');
    expect(list.status).toBe(200);
    const items = list.body.items as Record<string, unknown>[];
    expect(items.find((u) => u.username === 'admin')).toEqual({
      username: 'admin',
      role: 'admin',
      disabled: false,
      createdAt: expect.any(String),
      lastSignInAt: expect.any(String), // startProvisioner signed in to make its token
    });
    expect(items.find((u) => u.username === 'vera')).toMatchObject({ role: 'viewer', lastSignInAt: null });
    expect(JSON.stringify(list.body)).not.toContain('argon2');

    const viewer = await tokenOf('vera');
    const listed = await viewer.call('GET', '/auth/users');
    expect(listed.status).toBe(403);
    expect(listed.body.message).toContain('it needs admin or above');
    const operator = await tokenOf('olga');
    for (const [method, path, body] of [
      ['PATCH', '/auth/users/olga', { role: 'admin' }],
      ['PATCH', '/auth/users/vera', { disabled: true }],
      ['DELETE', '/auth/users/vera', undefined],
      ['PUT', '/auth/users/vera/password', { password: 'taken-over-password' }],
    ] as const) {
      const refused = await operator.call(method, path, { body });
      expect(refused.status, `${method} ${path}`).toBe(403);
    }
    expect((await admin().call('PATCH', '/auth/users/nobody', { body: { role: 'viewer' } })).status).toBe(
      404,
    );
    const empty = await admin().call('PATCH', '/auth/users/vera', { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('give "role", "disabled" or both');
  });

  it('never leaves the platform without an enabled admin', async () => {
    for (const [method, path, body] of [
      ['PATCH', '/auth/users/admin', { role: 'operator' }],
      ['PATCH', '/auth/users/admin', { disabled: true }],
      ['DELETE', '/auth/users/admin', undefined],
    ] as const) {
      const refused = await admin().call(method, path, { body });
      expect(refused.status, `${method} ${path}`).toBe(409);
      expect(refused.body.message).toContain('"admin" is the last admin');
    }
    // With a second admin, the first may step down; and back.
    await createUser('ada', 'admin');
    expect((await admin().call('PATCH', '/auth/users/admin', { body: { role: 'operator' } })).status).toBe(
      200,
    );
    await db.query(`update users set role = 'admin' where username = 'admin'`);
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    // On the repository itself, so that both changes are past authentication and truly overlap in PostgreSQL.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    try {
      const users = new PgUserRepository(pool);
      for (let round = 0; round < 5; round += 1) {
        await db.query(`update users set role = 'admin' where username in ('admin', 'ada')`);
        const results = await Promise.allSettled([
          users.updateUser('admin', { role: 'operator' }),
          users.updateUser('ada', { disabled: true }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        const refused = results.find((r) => r.status === 'rejected');
        expect(String(refused?.reason)).toMatch(/"(admin|ada)" is the last admin/);
        const admins = await db.query(`select 1 from users where role = 'admin' and disabled_at is null`);
        expect(admins.rowCount).toBe(1);
        await db.query(`update users set disabled_at = null where username = 'ada'`);
      }
    } finally {
      await pool.end();
      await db.query(`update users set role = 'admin' where username = 'admin'`);
    }
  });

  it('disables a user: their session and tokens end, sign-in says so; enabling lets them sign in again', async () => {
    await createUser('dora', 'operator');
    const browser = await session(provisioner.url, 'dora', password('dora'));
    const script = await tokenOf('dora');
    expect((await browser.call('GET', '/auth/me')).status).toBe(200);

    const disabled = await admin().call('PATCH', '/auth/users/dora', { body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ username: 'dora', disabled: true });
    expect((await browser.call('GET', '/auth/me')).status).toBe(401);
    expect((await script.call('GET', '/stores')).status).toBe(401);
    const again = await signIn(provisioner.url, 'dora', password('dora'));
    expect([again.status, again.body.message]).toEqual([401, 'this account is disabled']);
    // A wrong password still gets the usual answer, so a disabled account tells nothing to a guesser.
    const guess = await signIn(provisioner.url, 'dora', 'wrong-password');
    expect(guess.body.message).toBe('wrong user name or password');

    expect((await admin().call('PATCH', '/auth/users/dora', { body: { disabled: false } })).status).toBe(200);
    expect((await signIn(provisioner.url, 'dora', password('dora'))).status).toBe(200);
    expect((await script.call('GET', '/stores')).status).toBe(401); // revoked for good
  });

  it('deletes a user with their sessions and tokens', async () => {
    await createUser('dan', 'viewer');
    const script = await tokenOf('dan');
    expect((await admin().call('DELETE', '/auth/users/dan')).status).toBe(204);
    expect((await script.call('GET', '/stores')).status).toBe(401);
    expect((await signIn(provisioner.url, 'dan', password('dan'))).body.message).toBe(
      'wrong user name or password',
    );
    const gone = await admin().call('DELETE', '/auth/users/dan');
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe('no user named "dan"');
  });

  it('changes your own password: the current one is required, your other sessions and tokens end', async () => {
    await createUser('pat', 'operator');
    const here = await session(provisioner.url, 'pat', password('pat'));
    const elsewhere = await session(provisioner.url, 'pat', password('pat'));
    const script = await tokenOf('pat');

    const wrong = await here.call('PUT', '/auth/password', {
      body: { currentPassword: 'not-it', newPassword: 'pat-new-password-1' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toBe('the current password is not right');
    const short = await here.call('PUT', '/auth/password', {
      body: { currentPassword: password('pat'), newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('at least 12 characters');

    const changed = await here.call('PUT', '/auth/password', {
      body: { currentPassword: password('pat'), newPassword: 'pat-new-password-1' },
    });
    expect(changed.status).toBe(204);
    expect((await here.call('GET', '/auth/me')).status).toBe(200);
    expect((await elsewhere.call('GET', '/auth/me')).status).toBe(401);
    expect((await script.call('GET', '/stores')).status).toBe(401);
    expect((await signIn(provisioner.url, 'pat', password('pat'))).status).toBe(401);
    expect((await signIn(provisioner.url, 'pat', 'pat-new-password-1')).status).toBe(200);
  });

  it('lets an admin reset someone else’s password, ending all of their sessions and tokens', async () => {
    await createUser('rick', 'viewer');
    const browser = await session(provisioner.url, 'rick', password('rick'));
    const script = await tokenOf('rick');
    const reset = await admin().call('PUT', '/auth/users/rick/password', {
      body: { password: 'rick-reset-password' },
    });
    expect(reset.status).toBe(204);
    expect((await browser.call('GET', '/auth/me')).status).toBe(401);
    expect((await script.call('GET', '/stores')).status).toBe(401);
    expect((await signIn(provisioner.url, 'rick', 'rick-reset-password')).status).toBe(200);

    const self = await admin().call('PUT', '/auth/users/admin/password', {
      body: { password: 'no-proof-needed?' },
    });
    expect(self.status).toBe(400);
    expect(self.body.message).toContain('PUT /auth/password');
  });

  it('writes every change to the activity log for admins, never with a password', async () => {
    const { rows } = await db.query<{ action: string; detail: string | null }>(
      `select action, detail from activity where store is null order by id`,
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'user-create',
      'user-role',
      'user-disable',
      'user-enable',
      'user-delete',
      'password-change',
      'password-reset',
      'token-create',
    ]) {
      expect(actions, action).toContain(action);
    }
    const disables = rows.filter((r) => r.action === 'user-disable').map((r) => r.detail);
    expect(disables).toContainEqual(expect.stringContaining('"dora"'));
    const everything = JSON.stringify(rows);
    for (const secret of [
      'password-1',
      'rick-reset-password',
      'pat-new-password',
      'sven-moved',
      'sven-reset',
    ])
      expect(everything).not.toContain(secret);
    const forAdmin = await admin().call('GET', '/activity?action=user-disable');
    expect(forAdmin.body.total).toBe(disables.length);
    const forViewer = await (await tokenOf('vera')).call('GET', '/activity?action=user-disable');
    expect(forViewer.body.total).toBe(0);
  });

  it('lets the first admin change their own password like anyone', async () => {
    const first = await session(provisioner.url, 'admin', provisioner.adminPassword);
    const changed = await first.call('PUT', '/auth/password', {
      body: { currentPassword: provisioner.adminPassword, newPassword: 'first-admin-new-password' },
    });
    expect(changed.status).toBe(204);
    expect((await signIn(provisioner.url, 'admin', 'first-admin-new-password')).status).toBe(200);
    expect((await signIn(provisioner.url, 'admin', provisioner.adminPassword)).status).toBe(401);
  });
});
