/**
 * Browser sessions and event streams of the provisioner process, against the run's real PostgreSQL (whose rows
 * the tests read and age) and the local control plane: the __Host- cookie, CSRF tokens kept out of the database,
 * the idle timeout, the purge of ended sessions, and event streams capped per user and ended with their session.
 */
import { createHash } from 'node:crypto';

import { waitFor } from '@store-platform/test-cluster';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { openStream, type OpenStream } from './event-stream.js';
import { createDatabase, startProvisioner, type ProvisionerProcess } from './provisioner-process.js';

let provisioner: ProvisionerProcess;
let db: pg.Client;

beforeAll(async () => {
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'sessions');
  provisioner = await startProvisioner({
    DATABASE_URL: databaseUrl,
    // As behind TLS: the cookie gets the __Host- prefix (the server itself does not care that this is http).
    COOKIE_SECURE: 'true',
    SESSION_PURGE_INTERVAL_SECONDS: '1',
    STREAMS_PER_USER: '3',
    STREAM_RECHECK_SECONDS: '1',
  });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await provisioner?.stop();
});

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Signs in as the admin; the cookie header, the Set-Cookie line, the CSRF token and the session's row id. */
async function signIn() {
  const response = await fetch(`${provisioner.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: provisioner.adminPassword }),
  });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { setCookie, cookie, csrfToken, idHash: sha256(cookie.slice(cookie.indexOf('=') + 1)) };
}

const me = (cookie: string) => apiClient(provisioner.url).call('GET', '/auth/me', { headers: { cookie } });
const lastSeen = async (idHash: string) =>
  (
    await db.query<{ last_seen_at: Date }>('select last_seen_at from sessions where id_hash = $1', [idHash])
  ).rows[0]?.last_seen_at.getTime();
const sessionExists = async (idHash: string) =>
  (await db.query('select 1 from sessions where id_hash = $1', [idHash])).rowCount === 1;

describe('sessions', () => {
  it('names the cookie __Host-sp_session when served over TLS: Secure, Path=/, no Domain', async () => {
    const session = await signIn();
    expect(session.setCookie).toMatch(/^__Host-sp_session=[\w-]+;/);
    expect(session.setCookie).toMatch(/; Secure/i);
    expect(session.setCookie).toMatch(/; Path=\/(;|$)/);
    expect(session.setCookie).toMatch(/; HttpOnly/i);
    expect(session.setCookie).not.toMatch(/Domain=/i);
    expect((await me(session.cookie)).status).toBe(200);
  });

  it('keeps the CSRF token out of the database, and gives it again to a reloaded page', async () => {
    const session = await signIn();
    const { rows } = await db.query('select * from sessions');
    expect(JSON.stringify(rows)).not.toContain(session.csrfToken);
    const again = await apiClient(provisioner.url).call('GET', '/auth/session', {
      headers: { cookie: session.cookie },
    });
    expect(again.body).toMatchObject({ user: { username: 'admin', csrfToken: session.csrfToken } });
    const write = (csrf: string) =>
      apiClient(provisioner.url).call('POST', '/auth/tokens', {
        body: { name: 'from-browser' },
        headers: { cookie: session.cookie, 'x-csrf-token': csrf },
      });
    expect((await write(session.csrfToken)).status).toBe(201);
    // One character changed (to a different one: a token may already end in "A").
    const last = session.csrfToken.at(-1) === 'A' ? 'B' : 'A';
    expect((await write(`${session.csrfToken.slice(0, -1)}${last}`)).status).toBe(403);
    // Another session's token does not fit this one.
    expect((await write((await signIn()).csrfToken)).status).toBe(403);
  });

  it('slides with activity, writing the time at most once a minute', async () => {
    const session = await signIn();
    const first = await lastSeen(session.idHash);
    expect((await me(session.cookie)).status).toBe(200);
    expect((await me(session.cookie)).status).toBe(200);
    expect(await lastSeen(session.idHash)).toBe(first);
    await db.query(`update sessions set last_seen_at = now() - interval '5 minutes' where id_hash = $1`, [
      session.idHash,
    ]);
    expect((await me(session.cookie)).status).toBe(200);
    expect(Date.now() - (await lastSeen(session.idHash))!).toBeLessThan(60_000);
  });

  it('ends after SESSION_IDLE_MINUTES (30) without a request, and says so', async () => {
    const session = await signIn();
    await db.query(`update sessions set last_seen_at = now() - interval '31 minutes' where id_hash = $1`, [
      session.idHash,
    ]);
    const after = await me(session.cookie);
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('your session ended after 30 minutes without activity; sign in again');
  });

  it('purges expired and idle sessions by itself, not only at sign-out', async () => {
    const [expired, idle, live] = [await signIn(), await signIn(), await signIn()];
    await db.query(`update sessions set expires_at = now() - interval '1 second' where id_hash = $1`, [
      expired.idHash,
    ]);
    await db.query(`update sessions set last_seen_at = now() - interval '31 minutes' where id_hash = $1`, [
      idle.idHash,
    ]);
    await waitFor('the ended sessions to be purged', async () =>
      !(await sessionExists(expired.idHash)) && !(await sessionExists(idle.idHash)) ? true : undefined,
    );
    expect(await sessionExists(live.idHash)).toBe(true);
  });
});

describe('event streams', () => {
  const opened: OpenStream[] = [];
  afterAll(() => opened.forEach((stream) => stream.abort()));
  const open = async (headers: Record<string, string>) => {
    const stream = await openStream(provisioner.url, headers);
    opened.push(stream);
    return stream;
  };
  const waitEnded = (stream: OpenStream, why: string) =>
    waitFor(`the stream to end (${why})`, async () => (stream.hasEnded() ? true : undefined), {
      timeoutMs: 10_000,
    });

  it('caps the streams of one user (STREAMS_PER_USER=3) and ends a session’s streams when it signs out', async () => {
    const session = await signIn();
    const streams = [await open({ cookie: session.cookie }), await open({ cookie: session.cookie })];
    // A script of the same user counts too.
    const token = await provisioner.api.tokenFor('admin', provisioner.adminPassword);
    const script = await open({ authorization: `Bearer ${token}` });
    expect([...streams, script].map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await open({ cookie: session.cookie });
    expect(fourth.status).toBe(429);
    expect(fourth.refusal?.message).toBe(
      'you have 3 event streams open already, the most one user may; close one (a browser tab) first',
    );

    const out = await apiClient(provisioner.url).call('POST', '/auth/logout', {
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(out.status).toBe(204);
    for (const stream of streams) await waitEnded(stream, 'sign-out');
    expect((await me(session.cookie)).status).toBe(401);
    // The script's token was not signed out: its stream goes on, and a new stream fits again.
    expect(script.hasEnded()).toBe(false);
    const another = await open({ cookie: (await signIn()).cookie });
    expect(another.status).toBe(200);
    another.abort();
    script.abort();
  });

  it('ends a stream when its session expires or its token is revoked, within STREAM_RECHECK_SECONDS', async () => {
    const session = await signIn();
    const byCookie = await open({ cookie: session.cookie });
    const token = await provisioner.api.tokenFor('admin', provisioner.adminPassword);
    const byToken = await open({ authorization: `Bearer ${token}` });
    expect([byCookie.status, byToken.status]).toEqual([200, 200]);
    await db.query(`update sessions set expires_at = now() where id_hash = $1`, [session.idHash]);
    await waitEnded(byCookie, 'session expired');
    expect(byCookie.events.map((e) => e.event)).toEqual(['session-ended']);
    expect(byToken.hasEnded()).toBe(false);
    await db.query('delete from api_tokens where token_hash = $1', [sha256(token)]);
    await waitEnded(byToken, 'token revoked');
  });
});
