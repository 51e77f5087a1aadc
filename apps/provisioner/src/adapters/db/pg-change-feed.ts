import pg from 'pg';

import type { ChangeFeed, FeedEvent } from '../../ports/change-feed.js';
import { changesChannel } from './pg-transaction.js';

/** Reconnect delays: 0.5 s doubling to 30 s, so that a long database outage costs a try every 30 s at most. */
const firstRetryMs = 500;
const maxRetryMs = 30_000;

export const reconnectDelayMs = (failedAttempts: number) =>
  Math.min(maxRetryMs, firstRetryMs * 2 ** failedAttempts);

/**
 * ChangeFeed on PostgreSQL LISTEN/NOTIFY: every write of the repository NOTIFYs `store_changes`, and every API
 * replica listens on its own connection, so a client of any replica hears changes made by any worker.
 *
 * NOTIFY is not queued for a listener that is not connected, so a lost connection means missed changes: the feed
 * re-opens it with backoff for as long as it takes (readiness says so meanwhile), then sends `resync` so that
 * clients refetch what they show.
 */
export class PgChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<(event: FeedEvent) => void>();
  private client: pg.Client | undefined;
  private lostReason: string | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  /** Opens the first connection; rejects when the database cannot be reached at start. */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  subscribe(listener: (event: FeedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async check(): Promise<void> {
    if (!this.client) throw new Error(`change feed reconnecting: ${this.lostReason ?? 'not started'}`);
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end();
  }

  private emit(event: FeedEvent) {
    for (const listener of this.listeners) listener(event);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      const store = (JSON.parse(message.payload ?? '{}') as { store?: string }).store;
      if (store) this.emit({ type: 'store', store });
    });
    // A terminated backend or a database restart gives 'error' and then 'end'; either one means deaf.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection closed by the server')));
    // A connect that fails closes its own socket; one that connects but cannot LISTEN is closed here.
    await client.connect();
    try {
      await client.query(`listen ${changesChannel}`);
    } catch (error) {
      await client.end().catch((closeError: unknown) => this.log('closing a deaf connection', closeError));
      throw error;
    }
    return client;
  }

  private lost(client: pg.Client, error: Error) {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    this.lostReason = error.message;
    this.log('change feed connection lost; reconnecting', error);
    client.end().catch((closeError: unknown) => this.log('closing the lost connection', closeError));
    this.reconnect(0);
  }

  private reconnect(failedAttempts: number) {
    const delay = reconnectDelayMs(failedAttempts);
    this.retry = setTimeout(() => {
      void this.connect().then(
        (client) => {
          if (this.closed) return void client.end();
          this.client = client;
          this.lostReason = undefined;
          this.log(`change feed reconnected after ${failedAttempts + 1} attempt(s); clients resync`);
          this.emit({ type: 'resync' });
        },
        (error: unknown) => {
          const next = reconnectDelayMs(failedAttempts + 1);
          this.lostReason = error instanceof Error ? error.message : String(error);
          this.log(`change feed reconnect attempt ${failedAttempts + 1} failed; next in ${next} ms`, error);
          if (!this.closed) this.reconnect(failedAttempts + 1);
        },
      );
    }, delay);
  }
}
