import type { StoreView } from '@store-platform/contracts';
import type { QueryClient } from '@tanstack/react-query';

import { queryKeys } from './query-keys.js';

/**
 * Puts a store as the API now shows it (a mutation's answer, a stream event) in the list, when the list is
 * loaded, and in its own entry. Its activity and, when shown, its revisions are refetched, even when the store
 * itself looks the same: the provisioner announces a store when an entry is added to its activity (an operation's
 * outcome is logged just after the operation ends), and an update, rollback or repair makes a revision. Health
 * checks announce a store only when its health changed, so they do not make this busy.
 */
export function rememberStore(client: QueryClient, store: StoreView): void {
  client.setQueryData<StoreView[]>(queryKeys.stores.list(), (stores) => {
    if (!stores) return stores;
    const known = stores.some((s) => s.name === store.name);
    return known ? stores.map((s) => (s.name === store.name ? store : s)) : [store, ...stores];
  });
  client.setQueryData<StoreView | null>(queryKeys.stores.detail(store.name), store);
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
