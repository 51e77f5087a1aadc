/** Announcements that a store (or its operation) changed, from any replica. */
export interface ChangeFeed {
  /** Calls `listener` with the store's name on every change; returns the function that unsubscribes. */
  subscribe(listener: (store: string) => void): () => void;
}
