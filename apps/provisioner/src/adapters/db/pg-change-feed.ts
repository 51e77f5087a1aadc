import { randomUUID } from 'node:crypto';

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
  private readonly barriers = new Map<string, () => void>();

  constructor(connectionString: string, log: (message: string, error?: unknown) => void) {
    this.listener = new PgListener(
      'change feed',
      connectionString,
      changesChannel,
      {
        notified: (payload) => {
          const message = JSON.parse(payload ?? '{}') as {
            store?: string;
            quiet?: boolean;
            barrier?: string;
          };
          // A barrier of another replica is not awaited here.
          if (message.barrier) this.barriers.get(message.barrier)?.();
          else if (message.store)
            this.emit({ type: 'store', store: message.store, quiet: message.quiet === true });
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

  /**
   * NOTIFYs a barrier of its own on the channel and waits to hear it: PostgreSQL delivers notifications in commit
   * order, so every change committed before has been heard (and emitted) by then.
   */
  async sync(timeoutMs = 5000): Promise<void> {
    const token = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`change feed: its barrier was not heard within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.barriers.set(token, resolve);
    });
    try {
      await this.listener.notify(JSON.stringify({ barrier: token }));
      await heard;
    } finally {
      clearTimeout(timer);
      this.barriers.delete(token);
    }
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  private emit(event: FeedEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
