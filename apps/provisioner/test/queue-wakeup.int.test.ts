/**
 * A queued operation is taken at once by an idle worker of any replica, not at the worker's next poll: the queue
 * NOTIFYs after each enqueue and every worker process LISTENs (adapters/queue/pg-boss-queue.ts). The workers here
 * poll every 30 s, so only the notification can explain a job taken within a second; and it keeps working after the
 * listening connection is cut, as a database restart would cut it.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

import { waitFor } from '@store-platform/test-cluster';

import { PgBossQueue } from '../src/adapters/queue/pg-boss-queue.js';
import type { OperationJob } from '../src/ports/job-queue.js';
import { createDatabase } from './provisioner-process.js';

let databaseUrl: string;
let api: PgBossQueue;
let worker: PgBossQueue;
const taken: { job: OperationJob; at: number }[] = [];

beforeAll(async () => {
  databaseUrl = await createDatabase(inject('databaseUrl'), 'queue_wakeup');
  const options = { concurrency: 2, timeoutSeconds: 60, pollingIntervalSeconds: 30 };
  // Two replicas, as the chart runs them: one only enqueues (the API), the other only works.
  api = new PgBossQueue(databaseUrl, options);
  worker = new PgBossQueue(databaseUrl, options);
  await api.start((error) => {
    throw error;
  });
  await worker.start((error) => {
    throw error;
  });
  await worker.work(async (job) => {
    taken.push({ job, at: Date.now() });
  });
  // The workers' first fetch happens as they start; what follows is only taken on a notification or after 30 s.
  await waitFor('the worker to listen', async () => ((await listeners()) === 1 ? true : undefined));
});
afterAll(async () => {
  await Promise.all([api?.stop(), worker?.stop()]);
});

/** Connections LISTENing for enqueued operations. */
async function listeners(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen store_operations_queued'`,
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

async function takenWithin(operationId: string): Promise<number> {
  const sent = Date.now();
  await api.enqueue({ operationId, storeName: 'wakeup' });
  const entry = await waitFor(
    `operation ${operationId} to be taken`,
    async () => taken.find((t) => t.job.operationId === operationId),
    { timeoutMs: 10_000, intervalMs: 20 },
  );
  return entry.at - sent;
}

it('is taken by a worker of another replica within a second of being queued', async () => {
  expect(await takenWithin('00000000-0000-4000-8000-000000000001')).toBeLessThan(1000);
});

it('is still taken at once after the listening connection was cut (a database restart)', async () => {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen store_operations_queued'`,
    );
  } finally {
    await admin.end();
  }
  // The listener reconnects with backoff (0.5 s first); then a job is taken at once again.
  await waitFor('the worker to listen again', async () => ((await listeners()) === 1 ? true : undefined), {
    timeoutMs: 15_000,
  });
  expect(await takenWithin('00000000-0000-4000-8000-000000000002')).toBeLessThan(1000);
});
