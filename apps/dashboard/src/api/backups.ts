/** A store's backups: list, take, delete, restore, and a new store from one (docs/decisions/012-backups.md). */
import {
  backupListSchema,
  deletedStoreListSchema,
  noContentSchema,
  storeSchema,
  type BackupView,
  type CreateStoreRequest,
  type StoreView,
} from '@store-platform/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ApiError } from './client.js';
import { queryKeys } from './query-keys.js';
import { rememberStore } from './store-cache.js';

/** A store's backups, or `{ notConfigured: message }` when the platform has no backup storage (503). */
export type BackupsState = { items: BackupView[] } | { notConfigured: string };

const path = (store: string) => `/stores/${encodeURIComponent(store)}`;

/**
 * The store's backups, newest first. A 503 `backups_not_configured` is a state of the platform, not a failure of
 * the request: the panel says it with the API's own sentence.
 */
export function useBackups(store: string) {
  return useQuery({
    queryKey: queryKeys.stores.backups(store),
    queryFn: async (): Promise<BackupsState> => {
      try {
        return await api('GET', `${path(store)}/backups`, backupListSchema);
      } catch (error) {
        if (error instanceof ApiError && error.body.code === 'backups_not_configured') {
          return { notConfigured: error.body.message };
        }
        throw error;
      }
    },
  });
}

/** After a backup write, the list again; the store's new operation goes into the cache. */
function useAfterWrite(store: string) {
  const client = useQueryClient();
  return (changed?: StoreView) => {
    if (changed) rememberStore(client, changed);
    void client.invalidateQueries({ queryKey: queryKeys.stores.backups(store) });
  };
}

/** POST /stores/{name}/backups: queues a backup operation (operator). */
export function useTakeBackup(store: string) {
  const done = useAfterWrite(store);
  return useMutation({
    mutationFn: () => api('POST', `${path(store)}/backups`, storeSchema),
    onSuccess: done,
  });
}

/** DELETE /stores/{name}/backups/{id} (admin). */
export function useDeleteBackup(store: string) {
  const done = useAfterWrite(store);
  return useMutation({
    mutationFn: (id: string) => api('DELETE', `${path(store)}/backups/${id}`, noContentSchema),
    onSuccess: () => done(),
  });
}

/** POST /stores/{name}/restore with the version the user saw (If-Match), so that nobody restores a stale screen. */
export function useRestoreBackup(store: StoreView) {
  const done = useAfterWrite(store.name);
  return useMutation({
    mutationFn: (backup: string) =>
      api('POST', `${path(store.name)}/restore`, storeSchema, {
        body: { backup },
        headers: { 'if-match': `"${store.version}"` },
      }),
    onSuccess: done,
  });
}

/** POST /stores with fromBackup: a new store restored from a backup (a clone, or a deleted store brought back). */
export function useCloneStore() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateStoreRequest & { fromBackup: string }) =>
      api('POST', '/stores', storeSchema, { body: input }),
    onSuccess: (store) => rememberStore(client, store),
  });
}

/** GET /deleted-stores: deleted stores still restorable (until their restorableUntil), most recent first. */
export function useDeletedStores() {
  return useQuery({
    queryKey: queryKeys.deletedStores(),
    queryFn: async () => (await api('GET', '/deleted-stores', deletedStoreListSchema)).items,
  });
}
