import type { BackupView, StoreView } from '@store-platform/contracts';
import { waitFor } from '@store-platform/test-cluster';

import type { apiClient } from './api-client.js';

type Api = ReturnType<typeof apiClient>;

/** Waits until the store's latest operation of `kind` has ended, and returns the store. */
export const operationEnded = (api: Api, name: string, kind: string, timeoutMs = 150_000) =>
  waitFor(
    `the ${kind} of ${name} to end`,
    async () => {
      const store = (await api.store(name)).body as unknown as StoreView;
      const op = store.operation;
      if (op?.kind !== kind || op.phase === 'queued' || op.phase === 'running') {
        throw new Error(JSON.stringify(op));
      }
      return store;
    },
    { timeoutMs, intervalMs: 500 },
  );

/** GET /stores/{name}/backups: its backups, newest first. */
export const backupsOf = async (api: Api, name: string) =>
  ((await api.call('GET', `/stores/${name}/backups`)).body.items ?? []) as BackupView[];
