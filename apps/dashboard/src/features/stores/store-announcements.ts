import type { StoreView } from '@store-platform/contracts';
import { useEffect } from 'react';

import { onStoreChange, type StoreChange } from '../../api/store-cache.js';
import { toast, type ToastInput } from '../../ui/Toasts.js';
import { highlight } from './highlights.js';

/** Changes of one kind that arrive within this long make one toast ("3 stores deleted"), not one each. */
export const gatherMs = 1500;
/** ...but a toast waits no longer than this for more. */
export const gatherMaxMs = 6000;

type Finished =
  | { kind: 'running'; store: StoreView }
  | { kind: 'failed'; store: StoreView }
  | { kind: 'deleted'; name: string; tookMs?: number };

/** "a-shop", "a-shop and b-shop", "a-shop, b-shop and 3 more". */
export function namesOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length > 3) return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** "7 s", "2 min 5 s". */
export function durationOf(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The toast for finished work of one kind: one store in full, several in one line. */
export function toastOf(items: readonly Finished[]): ToastInput {
  const [first] = items;
  if (items.length === 1 && first?.kind === 'running') {
    return {
      text: `${first.store.name} is running`,
      action: { label: 'Open storefront', href: first.store.urls.storefront },
    };
  }
  if (items.length === 1 && first?.kind === 'failed') {
    const error = first.store.operation?.error;
    const why = error?.headline ?? error?.message;
    return {
      text: `${first.store.name} failed${why ? `: ${why}` : ''}`,
      action: { label: 'See why', href: `/stores/${first.store.name}` },
    };
  }
  const names = namesOf(items.map((i) => (i.kind === 'deleted' ? i.name : i.store.name)));
  if (first?.kind === 'running') return { text: `${items.length} stores are running: ${names}` };
  if (first?.kind === 'failed') {
    return {
      text: `${items.length} stores failed: ${names}`,
      action: { label: 'Needs attention', href: '/?view=attention' },
    };
  }
  const times = items.flatMap((i) => (i.kind === 'deleted' && i.tookMs !== undefined ? [i.tookMs] : []));
  const low = durationOf(Math.min(...times));
  const high = durationOf(Math.max(...times));
  const took = times.length === 0 ? '' : low === high ? ` in ${low}` : ` in ${low} to ${high}`;
  if (items.length === 1) return { text: `${names} deleted${took}` };
  return { text: `${items.length} stores deleted${took}: ${names}` };
}

/**
 * A listener of store changes that toasts finished work: a store provisioned (running), a store failed, a store
 * deleted (with the time from when it was seen deleting), and marks the rows. Changes of one kind that come close
 * together are gathered, so that a bulk delete of 30 stores says so once.
 */
export function createStoreAnnouncer(now: () => number = Date.now): (change: StoreChange) => void {
  const deletingSince = new Map<string, number>();
  const waiting = new Map<Finished['kind'], { items: Finished[]; firstAt: number; timer: number }>();
  const flush = (kind: Finished['kind']) => {
    const batch = waiting.get(kind);
    waiting.delete(kind);
    if (batch) toast(toastOf(batch.items));
  };
  // Each change of a kind waits for more of that kind a moment (not past gatherMaxMs from the first), so that the
  // stores of one bulk action, finishing one after another, make one toast.
  const add = (item: Finished) => {
    const batch = waiting.get(item.kind);
    if (batch) window.clearTimeout(batch.timer);
    const firstAt = batch?.firstAt ?? now();
    const wait = Math.max(0, Math.min(gatherMs, firstAt + gatherMaxMs - now()));
    waiting.set(item.kind, {
      items: [...(batch?.items ?? []), item],
      firstAt,
      timer: window.setTimeout(() => flush(item.kind), wait),
    });
  };
  return ({ name, before, after }) => {
    if (after?.status === 'deleting') {
      if (!deletingSince.has(name)) deletingSince.set(name, now());
      return;
    }
    if (after === null) {
      // Seen deleting here, or else since its delete operation was created (a page opened meanwhile).
      const operation = before?.operation?.kind === 'delete' ? before.operation : undefined;
      const since = deletingSince.get(name) ?? (operation ? Date.parse(operation.createdAt) : undefined);
      deletingSince.delete(name);
      if (before) add({ kind: 'deleted', name, tookMs: since === undefined ? undefined : now() - since });
      return;
    }
    deletingSince.delete(name);
    if (!before || before.status === after.status) return;
    if (after.status === 'running' && before.status === 'provisioning')
      add({ kind: 'running', store: after });
    else if (after.status === 'failed') add({ kind: 'failed', store: after });
    else return;
    highlight(name);
  };
}

/** Toasts finished work on every page while signed in (mount once, in the app's frame). */
export function useStoreAnnouncements(): void {
  useEffect(() => onStoreChange(createStoreAnnouncer()), []);
}
