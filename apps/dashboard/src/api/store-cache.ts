import type { StoreView } from '@store-platform/contracts';
import type { QueryClient } from '@tanstack/react-query';

import { queryKeys } from './query-keys.js';

/**
 * A store as the cache had it (`before`, absent when it did not know it) and as it is now (`after`; null: gone).
 * Every change passes here, from the stream and from mutations, on whatever page is open: announcing finished work
 * (a store is running, failed, deleted) listens to these rather than to any one page.
 */
export interface StoreChange {
  name: string;
  before?: StoreView;
  after: StoreView | null;
}

const listeners = new Set<(change: StoreChange) => void>();

/** Calls `listener` with every store change the cache takes in; returns what stops it. */
export function onStoreChange(listener: (change: StoreChange) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The store as the cache knows it now: in the list, or on its own page. */
function known(client: QueryClient, name: string): StoreView | undefined {
  const listed = client.getQueryData<StoreView[]>(queryKeys.stores.list())?.find((s) => s.name === name);
  return listed ?? client.getQueryData<StoreView | null>(queryKeys.stores.detail(name)) ?? undefined;
}

function announce(change: StoreChange): void {
  for (const listener of listeners) listener(change);
}

/**
 * Puts a store as the API now shows it (a mutation's answer, a stream event) in the list, when the list is
 * loaded, and in its own entry. Its activity and, when shown, its revisions are refetched, even when the store
 * itself looks the same: the provisioner announces a store when an entry is added to its activity (an operation's
 * outcome is logged just after the operation ends), and an update, rollback or repair makes a revision. Health
 * checks announce a store only when its health changed, so they do not make this busy.
 */
export function rememberStore(client: QueryClient, store: StoreView): void {
  const before = known(client, store.name);
  client.setQueryData<StoreView[]>(queryKeys.stores.list(), (stores) => {
    if (!stores) return stores;
    const isKnown = stores.some((s) => s.name === store.name);
    return isKnown ? stores.map((s) => (s.name === store.name ? store : s)) : [store, ...stores];
  });
  client.setQueryData<StoreView | null>(queryKeys.stores.detail(store.name), store);
  void client.invalidateQueries({ queryKey: queryKeys.activity.all() });
  void client.invalidateQueries({ queryKey: queryKeys.stores.revisions(store.name) });
  announce({ name: store.name, before, after: store });
}

/** A store that is gone: out of the list, and its page says so (null). */
export function forgetStore(client: QueryClient, name: string): void {
  const before = known(client, name);
  client.setQueryData<StoreView[]>(queryKeys.stores.list(), (stores) =>
    stores?.filter((s) => s.name !== name),
  );
  client.setQueryData<StoreView | null>(queryKeys.stores.detail(name), null);
  void client.invalidateQueries({ queryKey: queryKeys.activity.all() });
  announce({ name, before, after: null });
}
