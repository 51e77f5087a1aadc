/** Day-2 work on a running store: repair, update (with its preview), its release's revisions and rollback. */
import {
  revisionListSchema,
  storeSchema,
  updatePreviewSchema,
  type StoreView,
  type UpdateStoreRequest,
} from '@store-platform/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from './client.js';
import { queryKeys } from './query-keys.js';
import { rememberStore } from './store-cache.js';

const storePath = (name: string, action = '') => `/stores/${encodeURIComponent(name)}${action}`;
/** The version a write is made against (If-Match): the API answers 409 when the store changed since. */
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** Re-runs the install of a store whose namespace or release drifted; its operation shows like a create's. */
export function useRepairStore() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (store: StoreView) =>
      api('POST', storePath(store.name, '/repair'), storeSchema, { headers: ifMatch(store.version) }),
    onSuccess: (store) => rememberStore(client, store),
  });
}

/** What an update would change (values, manifests, notes), before anything is applied. */
export function usePreviewUpdate(name: string) {
  return useMutation({
    mutationFn: (request: UpdateStoreRequest) =>
      api('POST', storePath(name, '/preview'), updatePreviewSchema, { body: request }),
  });
}

/** What to apply, and the version it was previewed from (sent as If-Match). */
export interface UpdateInput {
  request: UpdateStoreRequest;
  version: number;
}

/** Applies an update exactly as previewed: a 409 means the store changed since the preview. */
export function useUpdateStore(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ request, version }: UpdateInput) =>
      api('PATCH', storePath(name), storeSchema, { body: request, headers: ifMatch(version) }),
    onSuccess: (store) => rememberStore(client, store),
  });
}

/** The store's Helm release revisions, newest first. */
export function useRevisions(name: string) {
  return useQuery({
    queryKey: queryKeys.stores.revisions(name),
    queryFn: async () => (await api('GET', storePath(name, '/revisions'), revisionListSchema)).items,
  });
}

/** Rolls the store back to `revision`, against the version the user saw. */
export function useRollbackStore() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ store, revision }: { store: StoreView; revision: number }) =>
      api('POST', storePath(store.name, '/rollback'), storeSchema, {
        body: { revision },
        headers: ifMatch(store.version),
      }),
    onSuccess: (store) => rememberStore(client, store),
  });
}
