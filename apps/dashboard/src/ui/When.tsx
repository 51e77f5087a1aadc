import { useSyncExternalStore } from 'react';

import { ago, exactTime } from './time.js';

/** Relative times move on every 30 s, all at once: one timer for the page, however many times it shows. */
export const tickMs = 30_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), tickMs);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Re-renders the caller every 30 s (the number of the current 30 s period, stable in between). */
export function useTick(): number {
  return useSyncExternalStore(subscribe, () => Math.floor(Date.now() / tickMs));
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** "5 minutes ago · 4:24 AM" (today) or "2 days ago · Dec 1, 2026, 4:24 AM": both, so no one must hover. */
export function whenText(iso: string, now = Date.now()): string {
  const at = new Date(iso);
  const exact = sameDay(at, new Date(now)) ? clockFormat.format(at) : dayFormat.format(at);
  return `${ago(iso, now)} · ${exact}`;
}

/** A moment as relative and absolute time, ticking; the full date and time in its title. */
export function When({ iso }: { iso: string }) {
  useTick();
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {whenText(iso)}
    </time>
  );
}
