import { storeSchema, type StoreView } from '@store-platform/contracts';
import { z } from 'zod';

import type { ChangeFeed, FeedEvent } from '../ports/change-feed.js';
import type { StoreFilter } from '../ports/store-repository.js';

/** Where the cache reads stores: the store service (one query for all, one per store). */
export interface StoreSource {
  list(filter: StoreFilter): Promise<StoreView[]>;
  find(name: string): Promise<StoreView | undefined>;
}

/** A store as last read: its view and that view as JSON, or a tombstone (undefined) once it is gone. */
interface Entry {
  /** The order in which its read started: a read that started earlier never overwrites a later one. */
  seq: number;
  view: StoreView | undefined;
  json: string;
}

const toJson = (view: StoreView) => JSON.stringify(z.encode(storeSchema, view));

/**
 * GET /stores from memory, per API replica: every store's view is kept as JSON, re-read one store at a time when
 * the change feed announces it, so that a list of hundreds of stores costs a join of strings instead of a query and
 * a serialization of a megabyte (docs/benchmarks.md, the API under load).
 *
 * Reads stay consistent, as the Kubernetes API server's watch cache does it: before answering, `feed.sync()` waits
 * until every change committed before the request has been heard, and the re-reads those changes started are
 * awaited. So a store created or changed through any replica is listed as it is now, and a client reads its own
 * writes. While the feed cannot tell (its connection lost), the list is read from the database; after `resync`
 * the whole list is read again once.
 */
export class StoreListCache {
  private readonly entries = new Map<string, Entry>();
  private sorted: { view: StoreView; json: string }[] | undefined;
  private seq = 0;
  /** Reads started before the last full load are older than it: they may not add a store it has not. */
  private floor = 0;
  private loaded: Promise<void> | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly inflight = new Map<string, Promise<StoreView | undefined>>();

  constructor(
    private readonly feed: ChangeFeed,
    private readonly source: StoreSource,
    private readonly log: (message: string, error: unknown) => void,
  ) {
    feed.subscribe((event) => this.heard(event));
  }

  /** The stores matching `filter`, newest first, as the JSON body of GET /stores. */
  async listJson(filter: StoreFilter): Promise<string> {
    try {
      await this.feed.sync();
    } catch (error) {
      this.log('the change feed could not confirm it is up to date; listing stores from the database', error);
      const views = await this.source.list(filter);
      return `{"items":[${views.map(toJson).join(',')}]}`;
    }
    // A failed re-read drops the loaded state (heard): then the list is loaded again, once.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const loading = (this.loaded ??= this.load());
      await loading;
      await Promise.all([...this.pending]);
      if (this.loaded === loading) return this.render(filter);
    }
    const views = await this.source.list(filter);
    return `{"items":[${views.map(toJson).join(',')}]}`;
  }

  /**
   * The store as it is now: the re-read a change just started when there is one (so that the event streams and
   * the list share one query per change), else a read of its own.
   */
  latest(name: string): Promise<StoreView | undefined> {
    return this.inflight.get(name) ?? this.source.find(name);
  }

  private heard(event: FeedEvent) {
    if (event.type === 'resync') {
      this.loaded = undefined;
      return;
    }
    // Nothing loaded (no list asked for yet, or to be loaded again): the next list reads every store anyway.
    if (!this.loaded) return;
    const seq = ++this.seq;
    const read = this.source.find(event.store);
    this.inflight.set(event.store, read);
    const applied = read.then(
      (view) => this.apply(event.store, seq, view),
      (error: unknown) => {
        // A change not re-read is not known: the next list loads everything again.
        this.log(`could not re-read store "${event.store}" after a change`, error);
        this.loaded = undefined;
      },
    );
    this.pending.add(applied);
    void applied.finally(() => {
      this.pending.delete(applied);
      if (this.inflight.get(event.store) === read) this.inflight.delete(event.store);
    });
  }

  private async load(): Promise<void> {
    const seq = ++this.seq;
    try {
      const views = await this.source.list({});
      const present = new Set<string>();
      for (const view of views) {
        present.add(view.name);
        this.apply(view.name, seq, view);
      }
      // Older than this load and not in it: gone (or a tombstone no longer needed, as the floor refuses older reads).
      for (const [name, entry] of this.entries) {
        if (entry.seq < seq && !present.has(name)) this.entries.delete(name);
      }
      this.sorted = undefined;
      this.floor = seq;
    } catch (error) {
      this.loaded = undefined;
      throw error;
    }
  }

  private apply(name: string, seq: number, view: StoreView | undefined) {
    const known = this.entries.get(name);
    if (seq < (known?.seq ?? this.floor)) return;
    this.entries.set(name, { seq, view, json: view ? toJson(view) : '' });
    this.sorted = undefined;
  }

  private render(filter: StoreFilter): string {
    this.sorted ??= [...this.entries.values()]
      .flatMap(({ view, json }) => (view ? [{ view, json }] : []))
      .sort(
        (a, b) => b.view.createdAt.localeCompare(a.view.createdAt) || a.view.name.localeCompare(b.view.name),
      );
    const parts: string[] = [];
    for (const { view, json } of this.sorted) {
      if (filter.status && view.status !== filter.status) continue;
      if (filter.engine && view.engine !== filter.engine) continue;
      if (filter.q && !view.name.includes(filter.q)) continue;
      parts.push(json);
    }
    return `{"items":[${parts.join(',')}]}`;
  }
}
