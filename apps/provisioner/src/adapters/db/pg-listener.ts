import pg from 'pg';

/** Reconnect delays: 0.5 s doubling to 30 s, so that a long database outage costs a try every 30 s at most. */
const firstRetryMs = 500;
const maxRetryMs = 30_000;

export const reconnectDelayMs = (failedAttempts: number) =>
  Math.min(maxRetryMs, firstRetryMs * 2 ** failedAttempts);

export interface ListenerHandlers {
  /** A NOTIFY on the channel, with its payload. */
  notified(payload: string | undefined): void;
  /** The connection was re-opened after a loss: notifications sent meanwhile were missed. */
  reconnected(): void;
}

/**
 * LISTEN on one PostgreSQL channel over a connection of its own, kept open: NOTIFY is not queued for a listener that
 * is not connected, so a lost connection (a database restart, a terminated backend) is re-opened with backoff for as
 * long as it takes, and `reconnected` tells the owner that it may have missed notifications.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private lostReason: string | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  /** `what` names the listener in its log lines ("change feed", "queue wake-up"). */
  constructor(
    private readonly what: string,
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly handlers: ListenerHandlers,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  /** Opens the first connection; rejects when the database cannot be reached at start. */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  /** Like start, but a first connection that fails is retried with backoff, in the background. */
  startInBackground(): void {
    this.start().catch((error: unknown) => {
      this.lostReason = error instanceof Error ? error.message : String(error);
      this.log(`${this.what} could not connect; retrying`, error);
      if (!this.closed) this.reconnect(0);
    });
  }

  /** Resolves while listening; rejects with the reason while reconnecting. */
  async check(): Promise<void> {
    if (!this.client) throw new Error(`reconnecting: ${this.lostReason ?? 'not started'}`);
  }

  /** NOTIFYs the channel over the listening connection; rejects while reconnecting. */
  async notify(payload: string): Promise<void> {
    await this.check();
    await this.client?.query('select pg_notify($1, $2)', [this.channel, payload]);
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end();
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => this.handlers.notified(message.payload));
    // A terminated backend or a database restart gives 'error' and then 'end'; either one means deaf.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection closed by the server')));
    // A connect that fails closes its own socket; one that connects but cannot LISTEN is closed here.
    await client.connect();
    try {
      await client.query(`listen ${this.channel}`);
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
    this.log(`${this.what} connection lost; reconnecting`, error);
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
          this.log(`${this.what} reconnected after ${failedAttempts + 1} attempt(s)`);
          this.handlers.reconnected();
        },
        (error: unknown) => {
          const next = reconnectDelayMs(failedAttempts + 1);
          this.lostReason = error instanceof Error ? error.message : String(error);
          this.log(`${this.what} reconnect attempt ${failedAttempts + 1} failed; next in ${next} ms`, error);
          if (!this.closed) this.reconnect(failedAttempts + 1);
        },
      );
    }, delay);
  }
}
