import { useSyncExternalStore } from 'react';

import { ago, exactTime } from './time.js';

/** Relative times move on every 30 s, all at once: one timer for the page, however many times it shows. */
export const tickMs = 30_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
/** When times stopped moving (live updates were lost: a moving time would claim the page is current). */
let frozenAt: number | undefined;
const notify = () => listeners.forEach((l) => l());

/** The time shown times count from: now, or when they were frozen. Step timers use it with useTick. */
export function tickNow(): number {
  return frozenAt ?? Date.now();
}

/** Stops (true) or restarts (false) every ticking time at once; restarting brings them up to now. */
export function freezeTimes(frozen: boolean): void {
  if (frozen === (frozenAt !== undefined)) return;
  frozenAt = frozen ? Date.now() : undefined;
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(notify, tickMs);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * Re-renders the caller every 30 s, and when times freeze or restart: the number of the current 30 s period of
 * tickNow(), stable in between (and while frozen).
 */
export function useTick(): number {
  return useSyncExternalStore(subscribe, () => Math.floor(tickNow() / tickMs));
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
      {whenText(iso, tickNow())}
    </time>
  );
}
