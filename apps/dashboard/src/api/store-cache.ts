import type { StoreView } from '@store-platform/contracts';
import type { QueryClient } from '@tanstack/react-query';

import { queryKeys } from './query-keys.js';

/**
 * A store as far as its activity and revisions go: its health by state and reason codes only. The worker checks
 * every running store's health on an interval and each check announces the store; a check that finds what the
 * last one did moves only `checkedAt` (and the figures in the messages), and writes no activity entry.
 */
function gist(store: StoreView): string {
  const health = store.health && {
    state: store.health.state,
    codes: store.health.reasons.map((r) => r.code),
  };
  return JSON.stringify({ ...store, health });
}

/**
 * Puts a store as the API now shows it (a mutation's answer, a stream event) in the list, when the list is
 * loaded, and in its own entry. Its activity and, when shown, its revisions are refetched: every change of a store
 * comes with an entry, and an update, rollback or repair makes a revision. A health check that found nothing new
 * refetches nothing.
 */
export function rememberStore(client: QueryClient, store: StoreView): void {
  const before =
    client.getQueryData<StoreView | null>(queryKeys.stores.detail(store.name)) ??
    client.getQueryData<StoreView[]>(queryKeys.stores.list())?.find((s) => s.name === store.name);
  client.setQueryData<StoreView[]>(queryKeys.stores.list(), (stores) => {
    if (!stores) return stores;
    const known = stores.some((s) => s.name === store.name);
    return known ? stores.map((s) => (s.name === store.name ? store : s)) : [store, ...stores];
  });
  client.setQueryData<StoreView | null>(queryKeys.stores.detail(store.name), store);
  if (before && gist(before) === gist(store)) return;
  void client.invalidateQueries({ queryKey: queryKeys.activity.all() });
  void client.invalidateQueries({ queryKey: queryKeys.stores.revisions(store.name) });
}

/** A store that is gone: out of the list, and its page says so (null). */
export function forgetStore(client: QueryClient, name: string): void {
  client.setQueryData<StoreView[]>(queryKeys.stores.list(), (stores) =>
    stores?.filter((s) => s.name !== name),
  );
  client.setQueryData<StoreView | null>(queryKeys.stores.detail(name), null);
  void client.invalidateQueries({ queryKey: queryKeys.activity.all() });
}
