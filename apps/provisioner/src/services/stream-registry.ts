import { PlatformError } from '../domain/errors.js';

/** Who opened an event stream, and how to tell whether they still may read it. */
export interface StreamOwner {
  username: string;
  /** The session or token the stream was opened with (its hash): sign-out ends the streams of that one only. */
  credential: string;
  /** Whether that session or token is still valid; false ends the stream. Rejects when it cannot tell. */
  stillValid: () => Promise<boolean>;
}

/** An open stream as the registry uses it: send one event, or end the response. */
export interface StreamConnection {
  send(event: string, data: unknown): void;
  end(): void;
}

interface OpenStream {
  owner: StreamOwner;
  connection: StreamConnection;
}

/**
 * The event streams open on this replica (GET /stream). It caps them per user, sends each store change to all of
 * them after one lookup, and ends them when their session or token does: at once on sign-out (closeCredential)
 * and for a disabled, deleted or re-passworded user (closeFor), and within a recheck period when a session
 * expires, idles out or is revoked elsewhere (recheck, on a timer). Each ended stream first gets a
 * `session-ended` event with the reason, so that the dashboard can show the sign-in page.
 */
export class StreamRegistry {
  private readonly streams = new Set<OpenStream>();

  constructor(
    private readonly options: {
      perUser: number;
      /** The store as GET /stores/{name} shows it; undefined once it is gone. */
      lookup: (store: string) => Promise<unknown>;
      log: (message: string, error: unknown) => void;
    },
  ) {}

  /** Registers a stream; 429 when its user has `perUser` open already. Returns the function that removes it. */
  open(owner: StreamOwner, connection: StreamConnection): () => void {
    const open = this.countFor(owner.username);
    if (open >= this.options.perUser) {
      throw new PlatformError(
        'limit_reached',
        `you have ${open} event streams open already, the most one user may; close one (a browser tab) first`,
      );
    }
    const stream = { owner, connection };
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  /** Streams open for `username` on this replica. */
  countFor(username: string): number {
    let count = 0;
    for (const stream of this.streams) if (stream.owner.username === username) count += 1;
    return count;
  }

  /** Sends a change of `store` to every stream: one lookup, whatever the number of streams. */
  async publish(store: string): Promise<void> {
    if (this.streams.size === 0) return;
    const view = await this.options.lookup(store);
    for (const { connection } of this.streams) {
      if (view) connection.send('store', view);
      else connection.send('store-deleted', { name: store });
    }
  }

  /** Tells every stream that changes may have been missed (the change feed was deaf a while): refetch. */
  resync(): void {
    for (const { connection } of this.streams)
      connection.send('resync', { message: 'live updates were interrupted; refetch what you show' });
  }

  /** Ends the streams opened with one session or token (sign-out, revocation). */
  closeCredential(credential: string, reason: string): void {
    this.closeWhere((owner) => owner.credential === credential, reason);
  }

  /**
   * Ends every stream of a user, whatever they were opened with (user disabled or deleted, password changed), but
   * those of `keepCredential` (the session that changed its own password).
   */
  closeFor(username: string, reason: string, keepCredential?: string): void {
    this.closeWhere((owner) => owner.username === username && owner.credential !== keepCredential, reason);
  }

  /**
   * Asks each session or token with an open stream whether it is still valid (once per credential), and ends the
   * streams of those that are not. One that cannot tell (the database is down) keeps its streams until it can.
   */
  async recheck(): Promise<void> {
    const byCredential = new Map<string, StreamOwner>();
    for (const { owner } of this.streams) byCredential.set(owner.credential, owner);
    await Promise.all(
      [...byCredential.values()].map(async (owner) => {
        try {
          if (!(await owner.stillValid()))
            this.closeCredential(owner.credential, 'your session has ended; sign in again');
        } catch (error) {
          this.options.log('could not recheck an event stream’s session; keeping it open', error);
        }
      }),
    );
  }

  /** Rechecks every `intervalMs`; returns the function that stops. */
  startRechecks(intervalMs: number): () => void {
    const timer = setInterval(() => void this.recheck(), intervalMs);
    return () => clearInterval(timer);
  }

  private closeWhere(matches: (owner: StreamOwner) => boolean, reason: string): void {
    for (const stream of [...this.streams]) {
      if (!matches(stream.owner)) continue;
      this.streams.delete(stream);
      stream.connection.send('session-ended', { message: reason });
      stream.connection.end();
    }
  }
}
