import { useSyncExternalStore } from 'react';

/**
 * Whether the event stream is live: `lostAt` is when it was cut (null while it is open), `reconnectedAt` when it
 * came back after a cut (null before any cut). The stream writes it; the banner, the badges and the ticking times
 * read it.
 */
export interface Connection {
  lostAt: Date | null;
  reconnectedAt: Date | null;
}

let current: Connection = { lostAt: null, reconnectedAt: null };
const listeners = new Set<() => void>();

function set(next: Connection): void {
  current = next;
  listeners.forEach((listener) => listener());
}

/** The stream was cut (once: a cut that goes on keeps its first time). */
export function connectionLost(at = new Date()): void {
  if (!current.lostAt) set({ lostAt: at, reconnectedAt: null });
}

/** The stream is open again; nothing changes when it was never cut. */
export function connectionOpened(at = new Date()): void {
  if (current.lostAt) set({ lostAt: null, reconnectedAt: at });
}

/** Forgets any cut (signing out, a test's cleanup). */
export function resetConnection(): void {
  set({ lostAt: null, reconnectedAt: null });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The event stream's state, re-rendering the caller when it changes. */
export function useConnection(): Connection {
  return useSyncExternalStore(subscribe, () => current);
}
