/**
 * GET /stores is answered from each API replica's memory (services/store-list-cache.ts), kept current by the
 * change feed. Two replicas on one database: a store written through one is listed by the other at once, as the
 * database has it; a health check that only moves its time is listed too; a deleted store leaves every list.
 */
import type { StoreView } from '@store-platform/contracts';
import { waitFor } from '@store-platform/test-cluster';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

import { recordHealth } from '../src/adapters/db/pg-store-health.js';
import type { apiClient } from './api-client.js';
import { createDatabase, startProvisioner, type ProvisionerProcess } from './provisioner-process.js';

let databaseUrl: string;
let writer: ProvisionerProcess;
let reader: ProvisionerProcess;

beforeAll(async () => {
  databaseUrl = await createDatabase(inject('databaseUrl'), 'store_list');
  // No health check of its own during the test: the one here is written by the test.
  writer = await startProvisioner({ DATABASE_URL: databaseUrl, HEALTH_INTERVAL_SECONDS: '3600' });
  reader = await startProvisioner({
    DATABASE_URL: databaseUrl,
    ROLE: 'api',
    PLATFORM_ADMIN_PASSWORD: writer.adminPassword,
  });
});
afterAll(async () => {
  await reader?.stop();
  await writer?.stop();
});

const listOf = async (api: ReturnType<typeof apiClient>, query = '') => {
  const answer = await api.call('GET', `/stores${query}`);
  expect(answer.status).toBe(200);
  return answer.body.items as StoreView[];
};
const names = ['list-a', 'list-b', 'list-c'];

it('lists a store written through another replica at once, and as each store’s own read has it', async () => {
  for (const name of names) {
    const created = await writer.api.call('POST', '/stores', {
      body: { name, engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status, name).toBe(202);
    const listed = (await listOf(reader.api)).find((s) => s.name === name);
    expect(listed?.createdAt, name).toBe(created.body.createdAt);
  }
  await writer.api.waitForStatus('list-a', 'running');
  const settled = await waitFor(
    'the three stores to settle, in the reader’s list',
    async () => {
      const items = (await listOf(reader.api)).filter((s) => names.includes(s.name));
      return items.every((s) => s.status === 'running' || s.status === 'failed') ? items : undefined;
    },
    { timeoutMs: 150_000, intervalMs: 500 },
  );
  expect(settled.map((s) => s.name)).toEqual([...names].reverse());
  for (const listed of settled) {
    expect(listed).toEqual((await reader.api.store(listed.name)).body);
  }
  const writerList = (await listOf(writer.api)).filter((s) => names.includes(s.name));
  expect(writerList).toEqual(settled);
  expect((await listOf(reader.api, '?q=list-b')).map((s) => s.name)).toEqual(['list-b']);
  // Every list was answered from the cache: the feed's barrier was heard each time, none fell back.
  expect(reader.output()).not.toContain('listing stores from the database');
});

it('lists a health check that only moved its time, and leaves out a deleted store', async () => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const checkedAt = new Date(Date.now() + 60_000);
    const recorded = await recordHealth(
      pool,
      'list-a',
      { state: 'healthy', reasons: [], checkedAt },
      { announce: false },
    );
    expect(recorded).toBe(true);
    const listed = (await listOf(reader.api)).find((s) => s.name === 'list-a');
    expect(listed?.health).toEqual({ state: 'healthy', reasons: [], checkedAt: checkedAt.toISOString() });
  } finally {
    await pool.end();
  }
  expect((await writer.api.call('DELETE', '/stores/list-c')).status).toBe(202);
  await writer.api.waitForGone('list-c');
  expect((await listOf(reader.api)).map((s) => s.name)).not.toContain('list-c');
});
