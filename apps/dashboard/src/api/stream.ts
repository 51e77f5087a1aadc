import type { StoreView } from '@store-platform/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Keeps stores in the query cache current from the server-sent events of /api/v1/stream: each `store` event
 * replaces (or adds) that store in the list and in its own entry, each `store-deleted` removes it. Activity pages
 * are refetched, as every change of a store comes with an entry. EventSource reconnects by itself, except after
 * `session-ended`.
 */
export function useStoreStream(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    const source = new EventSource('/api/v1/stream');
    const update = (change: (stores: StoreView[]) => StoreView[]) =>
      client.setQueryData<StoreView[]>(['stores'], (stores) => (stores ? change(stores) : stores));
    source.addEventListener('store', (event) => {
      const store = JSON.parse((event as MessageEvent<string>).data) as StoreView;
      update((stores) =>
        stores.some((s) => s.name === store.name)
          ? stores.map((s) => (s.name === store.name ? store : s))
          : [store, ...stores],
      );
      client.setQueryData(['store', store.name], store);
      void client.invalidateQueries({ queryKey: ['activity'] });
    });
    source.addEventListener('store-deleted', (event) => {
      const { name } = JSON.parse((event as MessageEvent<string>).data) as { name: string };
      update((stores) => stores.filter((s) => s.name !== name));
      client.setQueryData(['store', name], null);
      void client.invalidateQueries({ queryKey: ['activity'] });
    });
    // The session ended (signed out elsewhere, expired, idle, revoked): the server closes the stream after this
    // event. Not reconnecting, and asking who is signed in, shows the sign-in page with no failed request.
    source.addEventListener('session-ended', () => {
      source.close();
      void client.invalidateQueries({ queryKey: ['me'] });
    });
    // Leaving the page closes the stream first, rather than the browser cutting it mid-response.
    const close = () => source.close();
    window.addEventListener('pagehide', close);
    return () => {
      window.removeEventListener('pagehide', close);
      close();
    };
  }, [client, enabled]);
}
