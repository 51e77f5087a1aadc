/**
 * What the change feed hears: a store (or its operation) changed, from any replica; or `resync` after the feed
 * was deaf for a while (its connection lost and re-opened), when changes may have been missed.
 */
export type FeedEvent = { type: 'store'; store: string } | { type: 'resync' };

/** Announcements of changes to stores, for the event stream. */
export interface ChangeFeed {
  /** Calls `listener` on every event; returns the function that unsubscribes. */
  subscribe(listener: (event: FeedEvent) => void): () => void;
  /** Resolves while the feed listens; rejects with the reason while it is reconnecting (for readiness). */
  check(): Promise<void>;
}
