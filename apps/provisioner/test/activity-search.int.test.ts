/**
 * The activity log's store and user filters and a user's store quota, through StoreService and PgStoreRepository
 * on the run's real PostgreSQL: partial filters match any part of a name whatever its case (ILIKE), and their
 * `%` and `_` match only themselves.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { migrate } from '../src/adapters/db/migrate.js';
import { PgStoreRepository } from '../src/adapters/db/pg-store-repository.js';
import { PgBossQueue } from '../src/adapters/queue/pg-boss-queue.js';
import { StoreService } from '../src/services/store-service.js';
import { createDatabase } from './provisioner-process.js';

let pool: pg.Pool;
let repository: PgStoreRepository;
let service: StoreService;
const limits = { total: 100, perUser: 20 };

beforeAll(async () => {
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'activity_search');
  await migrate(databaseUrl, () => undefined);
  pool = new pg.Pool({ connectionString: databaseUrl });
  repository = new PgStoreRepository(pool);
  // The queue is never started: counting and listing queue nothing.
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
  const entries = [
    { actor: 'Alice.Ops', action: 'create', store: 'acme-shop' },
    { actor: 'alice.ops', action: 'reveal-credentials', store: 'acme-shop' },
    { actor: 'bob', action: 'create', store: 'corner-acme' },
    { actor: 'bob', action: 'create', store: 'bakery' },
    { actor: 'a_b', action: 'create', store: 'axb-store' },
    { actor: '50%off', action: 'delete', store: 'bakery' },
  ];
  for (const entry of entries) await repository.appendActivity({ ...entry, result: 'accepted' });
});
afterAll(async () => {
  await pool?.end();
});

const list = (filter: { store?: string; actor?: string; match?: 'exact' | 'partial' }) =>
  service.activity({ ...filter, page: 1, pageSize: 50 });

describe('activity filters', () => {
  it('match any part of a store or user name, whatever the case, with match=partial', async () => {
    const byStore = await list({ store: 'ACME', match: 'partial' });
    expect(byStore.total).toBe(3);
    expect(new Set(byStore.items.map((e) => e.store))).toEqual(new Set(['acme-shop', 'corner-acme']));
    const byUser = await list({ actor: 'ALICE', match: 'partial' });
    expect(byUser.items.map((e) => e.actor).sort()).toEqual(['Alice.Ops', 'alice.ops']);
    const both = await list({ store: 'shop', actor: 'OPS', match: 'partial' });
    expect(both.total).toBe(2);
  });

  it('take % and _ as themselves, not as wildcards', async () => {
    expect((await list({ actor: '_', match: 'partial' })).items.map((e) => e.actor)).toEqual(['a_b']);
    expect((await list({ actor: '%', match: 'partial' })).items.map((e) => e.actor)).toEqual(['50%off']);
    // "a_b" would match "axb" if _ were a wildcard.
    expect((await list({ store: 'a_b', match: 'partial' })).total).toBe(0);
  });

  it('stay exact and case-sensitive by default (a store page lists only its own store)', async () => {
    expect((await list({ store: 'acme' })).total).toBe(0);
    expect((await list({ store: 'acme-shop' })).total).toBe(2);
    expect((await list({ actor: 'alice.ops' })).total).toBe(1);
  });
});

describe('quota', () => {
  it("counts the user's live stores and the failed ones among them, against the per-user limit", async () => {
    for (const name of ['q-one', 'q-two', 'q-three']) {
      await repository.createStore({ name, engine: 'woocommerce', plan: 'basic', actor: 'quinn', limits });
    }
    await repository.createStore({
      name: 'q-other',
      engine: 'woocommerce',
      plan: 'basic',
      actor: 'bob',
      limits,
    });
    const failed = await repository.latestOperation('q-two');
    if (!failed) throw new Error('q-two has no operation');
    await repository.finishOperation(failed.id, { phase: 'failed', storeStatus: 'failed' });
    expect(await service.quota('quinn')).toEqual({ used: 3, limit: 20, failed: 1 });
    expect(await service.quota('nobody')).toEqual({ used: 0, limit: 20, failed: 0 });
  });
});
