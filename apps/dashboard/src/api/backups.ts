/** A store's backups: list, take, delete, restore, and a new store from one (docs/decisions/012-backups.md). */
import {
  backupListSchema,
  dataPolicySchema,
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

/** Said when the platform has no backup storage (GET /data-policy says so before any backup request is made). */
export const backupsOffSentence =
  "Backups are not configured on this platform: the operator gives the store-platform chart's backups.s3 (object storage) or backups.local.";

/** GET /data-policy: whether backups are on and what a delete does to the data; fixed while the platform runs. */
export function useDataPolicy() {
  return useQuery({
    queryKey: queryKeys.dataPolicy(),
    queryFn: () => api('GET', '/data-policy', dataPolicySchema),
    staleTime: Infinity,
  });
}

/**
 * The store's backups, newest first; `{ notConfigured }` when the platform has no backup storage, known from
 * GET /data-policy (and from a 503 `backups_not_configured`, should the setting change under a running page): a
 * state of the platform, not a failure, which the panel says in words.
 */
export function useBackups(store: string) {
  const policy = useDataPolicy();
  const configured = policy.data?.backupsConfigured;
  return useQuery({
    queryKey: [...queryKeys.stores.backups(store), configured],
    enabled: configured !== undefined,
    queryFn: async (): Promise<BackupsState> => {
      if (!configured) return { notConfigured: backupsOffSentence };
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
