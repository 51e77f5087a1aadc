import pg from 'pg';

import type { ChangeFeed } from '../../ports/change-feed.js';
import { changesChannel } from './pg-store-repository.js';

/**
 * ChangeFeed on PostgreSQL LISTEN/NOTIFY: every write of the repository NOTIFYs `store_changes`, and every API
 * replica listens on its own connection, so a client of any replica hears changes made by any worker.
 */
export class PgChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<(store: string) => void>();
  private client: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      const store = (JSON.parse(message.payload ?? '{}') as { store?: string }).store;
      if (store) for (const listener of this.listeners) listener(store);
    });
    // A lost connection is re-opened, so that the stream resumes by itself after a database restart.
    client.on('error', (error) => {
      this.log('change feed connection lost; reconnecting', error);
      void client.end().catch(() => undefined);
      if (!this.closed)
        setTimeout(
          () => void this.start().catch((e: unknown) => this.log('change feed reconnect failed', e)),
          1000,
        );
    });
    await client.connect();
    await client.query(`listen ${changesChannel}`);
    this.client = client;
  }

  subscribe(listener: (store: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.closed = true;
    await this.client?.end();
  }
}
