/** Secret rotation of a running store and the versions of its credentials (never their values). */
import {
  secretVersionListSchema,
  storeSchema,
  type RotationKind,
  type StoreView,
} from '@store-platform/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from './client.js';
import { queryKeys } from './query-keys.js';
import { rememberStore } from './store-cache.js';

const storePath = (name: string, action: string) => `/stores/${encodeURIComponent(name)}${action}`;

/** The store's credentials versions, newest first. */
export function useSecretVersions(name: string) {
  return useQuery({
    queryKey: queryKeys.stores.secretVersions(name),
    queryFn: async () =>
      (await api('GET', storePath(name, '/secret-versions'), secretVersionListSchema)).items,
  });
}

/** Starts a rotation of `what`, against the version the user saw (If-Match); its operation shows on the page. */
export function useRotateSecrets() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ store, what }: { store: StoreView; what: RotationKind }) =>
      api('POST', storePath(store.name, '/rotate-secrets'), storeSchema, {
        body: { what },
        headers: { 'if-match': `"${store.version}"` },
      }),
    onSuccess: (store) => {
      rememberStore(client, store);
      void client.invalidateQueries({ queryKey: queryKeys.stores.secretVersions(store.name) });
    },
  });
}
