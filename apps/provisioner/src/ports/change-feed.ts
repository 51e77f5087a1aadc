/**
 * What the change feed hears: a store (or its operation) changed, from any replica; or `resync` after the feed
 * was deaf for a while (its connection lost and re-opened), when changes may have been missed. A `quiet` change is
 * one not worth an event to clients (a health check that found nothing new, only its time moved), but cached
 * copies of the store re-read it.
 */
export type FeedEvent = { type: 'store'; store: string; quiet: boolean } | { type: 'resync' };

/** Announcements of changes to stores, for the event stream. */
export interface ChangeFeed {
  /** Calls `listener` on every event; returns the function that unsubscribes. */
  subscribe(listener: (event: FeedEvent) => void): () => void;
  /** Resolves while the feed listens; rejects with the reason while it is reconnecting (for readiness). */
  check(): Promise<void>;
  /**
   * Resolves once every change committed before the call has been passed to the subscribers (a barrier, as a
   * consistent read from a cache needs); rejects when the feed cannot tell (not listening, or no answer in time).
   */
  sync(): Promise<void>;
}
