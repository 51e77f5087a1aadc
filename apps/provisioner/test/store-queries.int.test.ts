/**
 * The store list and the event stream's lookup cost one database query each, however many stores there are:
 * GET /stores used to ask for each store's latest operation separately. Counted as connections taken from a real
 * pool on the run's PostgreSQL (every pool.query takes one).
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

import { migrate } from '../src/adapters/db/migrate.js';
import { PgStoreRepository } from '../src/adapters/db/pg-store-repository.js';
import { PgBossQueue } from '../src/adapters/queue/pg-boss-queue.js';
import { StoreService } from '../src/services/store-service.js';
import { storeView } from '../src/services/views.js';
import { createDatabase } from './provisioner-process.js';

let pool: pg.Pool;
let taken = 0;
let repository: PgStoreRepository;
let service: StoreService;
const limits = { total: 100, perUser: 100 };

beforeAll(async () => {
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'store_queries');
  await migrate(databaseUrl, () => undefined);
  pool = new pg.Pool({ connectionString: databaseUrl });
  pool.on('acquire', () => (taken += 1));
  repository = new PgStoreRepository(pool);
  // The queue is never started: listing and finding do not queue anything.
  service = new StoreService(
    repository,
    new PgBossQueue(databaseUrl, { concurrency: 1, timeoutSeconds: 60 }),
    {
      MEDUSA_ENABLED: false,
      MAX_STORES: limits.total,
      MAX_STORES_PER_USER: limits.perUser,
      BASE_DOMAIN: 'example.test',
      PLATFORM_INSTANCE: 'store-platform',
      PLATFORM_NAMESPACE: 'store-platform',
    },
  );
  // Twelve stores; four of them created and then being deleted, so that "latest" has a choice to make.
  for (let i = 0; i < 12; i += 1) {
    const { operation } = await repository.createStore({
      name: `shop-${i}`,
      engine: 'woocommerce',
      plan: 'basic',
      actor: 'admin',
      limits,
    });
    if (i % 3 !== 0) continue;
    await repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'running' });
    await repository.startOperation({ name: `shop-${i}`, kind: 'delete', actor: 'admin' });
  }
});
afterAll(async () => {
  await pool?.end();
});

it('lists stores with their latest operations in one query', async () => {
  taken = 0;
  const listed = await service.list({});
  expect(taken).toBe(1);
  expect(listed).toHaveLength(12);
  // The same as asking for each store's latest operation on its own.
  for (const view of listed) {
    const store = await repository.getStore(view.name);
    expect(store).toBeDefined();
    if (store)
      expect(view).toEqual(storeView(store, await repository.latestOperation(view.name), 'example.test'));
  }
  expect(listed.filter((v) => v.operation?.kind === 'delete').map((v) => v.name)).toEqual([
    'shop-9',
    'shop-6',
    'shop-3',
    'shop-0',
  ]);
});

it('looks up one store for the event stream in one query, and nothing for a store that is gone', async () => {
  taken = 0;
  const found = await service.find('shop-3');
  expect(taken).toBe(1);
  expect(found?.operation?.kind).toBe('delete');
  expect(found?.operation?.phase).toBe('queued');
  expect(await service.find('no-such-shop')).toBeUndefined();
});
