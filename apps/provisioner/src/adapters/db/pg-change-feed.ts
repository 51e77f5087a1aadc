import type { ChangeFeed, FeedEvent } from '../../ports/change-feed.js';
import { PgListener } from './pg-listener.js';
import { changesChannel } from './pg-transaction.js';

/**
 * ChangeFeed on PostgreSQL LISTEN/NOTIFY: every write of the repository NOTIFYs `store_changes`, and every API
 * replica listens on its own connection, so a client of any replica hears changes made by any worker. After a lost
 * connection is re-opened (PgListener), the feed sends `resync` so that clients refetch what they show.
 */
export class PgChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<(event: FeedEvent) => void>();
  private readonly listener: PgListener;

  constructor(connectionString: string, log: (message: string, error?: unknown) => void) {
    this.listener = new PgListener(
      'change feed',
      connectionString,
      changesChannel,
      {
        notified: (payload) => {
          const store = (JSON.parse(payload ?? '{}') as { store?: string }).store;
          if (store) this.emit({ type: 'store', store });
        },
        reconnected: () => this.emit({ type: 'resync' }),
      },
      log,
    );
  }

  /** Opens the first connection; rejects when the database cannot be reached at start. */
  start(): Promise<void> {
    return this.listener.start();
  }

  subscribe(listener: (event: FeedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async check(): Promise<void> {
    await this.listener.check().catch((error: unknown) => {
      throw new Error(`change feed ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  private emit(event: FeedEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
