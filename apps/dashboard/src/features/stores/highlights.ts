import { useSyncExternalStore } from 'react';

/** How long a row stays marked after its store changed (its CSS animation fits within). */
export const highlightMs = 4000;

// UI state only, shared by the announcer (outside any page) and the list's rows.
let highlighted: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();
const changed = (next: ReadonlySet<string>) => {
  highlighted = next;
  for (const listener of listeners) listener();
};

/** Marks a store's row for a few seconds, so that the eye finds what a toast speaks of. */
export function highlight(name: string): void {
  changed(new Set([...highlighted, name]));
  setTimeout(() => changed(new Set([...highlighted].filter((n) => n !== name))), highlightMs);
}

/** The stores whose rows are marked now. */
export function useHighlighted(): ReadonlySet<string> {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    () => highlighted,
  );
}
