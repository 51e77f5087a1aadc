import type { StoreView } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import type { ChangeFeed, FeedEvent } from '../ports/change-feed.js';
import type { StoreFilter } from '../ports/store-repository.js';
import { StoreListCache } from './store-list-cache.js';

const view = (name: string, createdAt: string, extra: Partial<StoreView> = {}): StoreView => ({
  name,
  engine: 'woocommerce',
  plan: 'basic',
  settings: {},
  health: null,
  status: 'running',
  reason: null,
  version: 1,
  namespace: `store-${name}`,
  urls: { storefront: `https://${name}.example.test/`, admin: `https://${name}.example.test/wp-admin/` },
  createdBy: 'admin',
  createdAt,
  updatedAt: createdAt,
  operation: null,
  ...extra,
});

/**
 * The database as the cache's source sees it (`rows`), with each read counted; a read can be held until released
 * (`hold`), to play reads that finish out of order. The feed passes changes on when `sync` is called, as
 * PostgreSQL delivers them before the barrier.
 */
function setup() {
  const rows = new Map<string, StoreView>();
  const reads = { list: 0, find: 0 };
  const held: { name: string; release: () => void }[] = [];
  let holding = false;
  const heard: ((event: FeedEvent) => void)[] = [];
  const queued: FeedEvent[] = [];
  let syncFails = false;
  let readsFail = false;
  const feed: ChangeFeed = {
    subscribe: (listener) => {
      heard.push(listener);
      return () => undefined;
    },
    check: async () => undefined,
    sync: async () => {
      if (syncFails) throw new Error('not listening');
      for (const event of queued.splice(0)) for (const listener of heard) listener(event);
    },
  };
  const matches = (filter: StoreFilter) => (store: StoreView) =>
    (!filter.status || store.status === filter.status) && (!filter.q || store.name.includes(filter.q));
  const source = {
    list: async (filter: StoreFilter) => {
      reads.list += 1;
      return [...rows.values()]
        .filter(matches(filter))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    find: async (name: string) => {
      reads.find += 1;
      const now = rows.get(name);
      if (holding) await new Promise<void>((release) => held.push({ name, release }));
      if (readsFail) throw new Error('connection lost');
      return now;
    },
  };
  const logged: string[] = [];
  const cache = new StoreListCache(feed, source, (message) => logged.push(message));
  const names = async (filter: StoreFilter = {}) =>
    (JSON.parse(await cache.listJson(filter)) as { items: StoreView[] }).items.map((s) => s.name);
  return {
    rows,
    reads,
    held,
    cache,
    names,
    logged,
    /** A committed change of `name`: the feed announces it at the next sync. */
    change: (name: string, quiet = false) => queued.push({ type: 'store', store: name, quiet }),
    resync: () => queued.push({ type: 'resync' }),
    hold: (on: boolean) => (holding = on),
    failSync: (on: boolean) => (syncFails = on),
    failReads: (on: boolean) => (readsFail = on),
  };
}

describe('StoreListCache', () => {
  it('lists every store newest first from one read, filtered as the query asks, then without reading again', async () => {
    const db = setup();
    db.rows.set('alpha', view('alpha', '2026-12-01T10:00:00.000Z'));
    db.rows.set('beta', view('beta', '2026-12-02T10:00:00.000Z', { status: 'failed', engine: 'medusa' }));
    db.rows.set('gamma', view('gamma', '2026-12-03T10:00:00.000Z'));
    expect(await db.names()).toEqual(['gamma', 'beta', 'alpha']);
    expect(await db.names({ status: 'running' })).toEqual(['gamma', 'alpha']);
    expect(await db.names({ engine: 'medusa' })).toEqual(['beta']);
    expect(await db.names({ q: 'amm' })).toEqual(['gamma']);
    expect(db.reads).toEqual({ list: 1, find: 0 });
    // The answer is each store as its schema encodes it.
    expect(JSON.parse(await db.cache.listJson({}))).toEqual({ items: [...db.rows.values()].reverse() });
  });

  it('answers with every change committed before the request, re-reading only the stores that changed', async () => {
    const db = setup();
    db.rows.set('alpha', view('alpha', '2026-12-01T10:00:00.000Z'));
    await db.names();
    db.rows.set('beta', view('beta', '2026-12-02T10:00:00.000Z'));
    db.change('beta');
    db.rows.set('alpha', view('alpha', '2026-12-01T10:00:00.000Z', { status: 'deleting', version: 2 }));
    db.change('alpha');
    const { items } = JSON.parse(await db.cache.listJson({})) as { items: StoreView[] };
    expect(items.map((s) => [s.name, s.status, s.version])).toEqual([
      ['beta', 'running', 1],
      ['alpha', 'deleting', 2],
    ]);
    db.rows.delete('alpha');
    db.change('alpha');
    expect(await db.names()).toEqual(['beta']);
    expect(db.reads).toEqual({ list: 1, find: 3 });
  });

  it('keeps the newer of two reads of a store when the older one finishes last', async () => {
    const db = setup();
    db.rows.set('alpha', view('alpha', '2026-12-01T10:00:00.000Z', { version: 1 }));
    await db.names();
    db.hold(true);
    db.change('alpha');
    const first = db.cache.listJson({});
    await expect.poll(() => db.held.length).toBe(1);
    db.rows.set('alpha', view('alpha', '2026-12-01T10:00:00.000Z', { version: 2 }));
    db.change('alpha');
    const second = db.cache.listJson({});
    await expect.poll(() => db.held.length).toBe(2);
    db.held[1]?.release();
    db.held[0]?.release();
    await Promise.all([first, second]);
    const { items } = JSON.parse(await db.cache.listJson({})) as { items: StoreView[] };
    expect(items[0]?.version).toBe(2);
  });

  it('reads everything again after a resync, and after a change it could not re-read', async () => {
    const db = setup();
    db.rows.set('alpha', view('alpha', '2026-12-01T10:00:00.000Z'));
    await db.names();
    db.rows.set('beta', view('beta', '2026-12-02T10:00:00.000Z'));
    db.resync();
    expect(await db.names()).toEqual(['beta', 'alpha']);
    expect(db.reads.list).toBe(2);

    db.rows.delete('alpha');
    db.change('alpha');
    // The re-read fails: the list is loaded again rather than answered without the change.
    db.failReads(true);
    const listed = db.names();
    expect(await listed).toEqual(['beta']);
    expect(db.reads.list).toBe(3);
    expect(db.logged).toContain('could not re-read store "alpha" after a change');
  });

  it('shares the re-read a change started with the event streams, and reads the database while the feed cannot tell', async () => {
    const db = setup();
    db.rows.set('alpha', view('alpha', '2026-12-01T10:00:00.000Z'));
    await db.names();
    db.change('alpha', true);
    await db.names();
    expect(db.reads.find).toBe(1);

    db.hold(true);
    db.change('alpha');
    const listed = db.names();
    await expect.poll(() => db.held.length).toBe(1);
    const streamed = db.cache.latest('alpha');
    db.held[0]?.release();
    expect((await streamed)?.name).toBe('alpha');
    await listed;
    expect(db.reads.find).toBe(2);
    db.hold(false);

    db.failSync(true);
    db.rows.set('beta', view('beta', '2026-12-02T10:00:00.000Z'));
    expect(await db.names({ status: 'running' })).toEqual(['beta', 'alpha']);
    expect(db.reads.list).toBe(2);
    expect(db.logged).toContain(
      'the change feed could not confirm it is up to date; listing stores from the database',
    );
  });
});
