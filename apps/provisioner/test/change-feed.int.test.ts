/**
 * Live updates survive a database outage: the provisioner's change feed (LISTEN on its own connection) keeps
 * reconnecting while PostgreSQL refuses it, readiness says the feed is down meanwhile, and once it listens again
 * every open event stream gets `resync` (changes made meanwhile were missed) and then live changes again.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

import { waitFor } from '@store-platform/test-cluster';
import { apiClient } from './api-client.js';
import { openStream } from './event-stream.js';
import { createDatabase, startProvisioner, type ProvisionerProcess } from './provisioner-process.js';

const database = 'change_feed';
let databaseUrl: string;
let provisioner: ProvisionerProcess;

beforeAll(async () => {
  databaseUrl = await createDatabase(inject('databaseUrl'), database);
  provisioner = await startProvisioner({ DATABASE_URL: databaseUrl });
});
afterAll(async () => {
  await provisioner?.stop();
});

const readiness = async () => {
  const response = await fetch(`${provisioner.url}/health/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

it('reconnects with backoff while PostgreSQL refuses it, reports it in readiness, then resyncs its streams', async () => {
  const token = await apiClient(provisioner.url).tokenFor('admin', provisioner.adminPassword);
  const stream = await openStream(provisioner.url, { authorization: `Bearer ${token}` });
  expect(stream.status).toBe(200);
  expect((await readiness()).body.changeFeed).toBe('ok');

  const admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  try {
    // PostgreSQL "down" for this provisioner: its connections cut, new ones refused, for several retries.
    await admin.query(`alter database ${database} with allow_connections false`);
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [database],
    );
    const down = await waitFor('readiness to report the change feed', async () => {
      const answer = await readiness();
      return answer.body.changeFeed === 'unreachable' ? answer : undefined;
    });
    expect(down.status).toBe(503);
    // Not one retry but as many as the outage takes, each later than the one before.
    const retries = await waitFor(
      'three failed reconnects in the log',
      async () => {
        const delays = [
          ...provisioner.output().matchAll(/change feed reconnect attempt \d+ failed; next in (\d+) ms/g),
        ];
        return delays.length >= 3 ? delays.map((m) => Number(m[1])) : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(retries.slice(0, 3)).toEqual([1000, 2000, 4000]);
  } finally {
    await admin.query(`alter database ${database} with allow_connections true`);
  }

  try {
    const back = await waitFor(
      'readiness with the change feed listening again',
      async () => {
        const answer = await readiness();
        return answer.status === 200 ? answer.body : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(back).toEqual({ status: 'ok', database: 'ok', kubernetes: 'ok', changeFeed: 'ok' });
    const resync = await waitFor('the stream to get resync', async () =>
      stream.events.find((e) => e.event === 'resync'),
    );
    expect(resync.data).toEqual({ message: 'live updates were interrupted; refetch what you show' });
    // And live again: a change announced now (in the provisioner's database: NOTIFY is per database) reaches
    // the same stream; the store does not exist, so it comes as store-deleted.
    const writer = new pg.Client({ connectionString: databaseUrl });
    await writer.connect();
    await writer.query(`select pg_notify('store_changes', $1)`, [JSON.stringify({ store: 'after-outage' })]);
    await writer.end();
    const change = await waitFor('the change after the outage', async () =>
      stream.events.find((e) => e.event === 'store-deleted'),
    );
    expect(change.data).toEqual({ name: 'after-outage' });
    expect(stream.hasEnded()).toBe(false);
  } finally {
    stream.abort();
    await admin.end();
  }
});
