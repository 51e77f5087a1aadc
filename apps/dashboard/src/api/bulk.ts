import { storeSchema, type StoreView } from '@store-platform/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, ApiError } from './client.js';
import { rememberStore } from './store-cache.js';

/** What became of one store of a bulk action: started, refused (with the API's words), or not sent. */
export interface BulkOutcome {
  store: string;
  result: 'started' | 'refused' | 'not-sent';
  /** The API's refusal, or why it was not sent. */
  reason?: string;
}

/**
 * Retries or deletes several stores, one request after another, each with the version the user saw (If-Match).
 * One at a time, because store writes share one budget per user a minute (WRITE_RATE_LIMIT_PER_MINUTE, 60 by
 * default, so a bulk action of 30 fits): once the API says the budget is spent, the rest are not sent and say so,
 * rather than each being refused in turn.
 */
export function useBulkStoreAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, stores }: { action: 'delete' | 'retry'; stores: readonly StoreView[] }) => {
      const outcomes: BulkOutcome[] = [];
      let spent: string | undefined;
      for (const store of stores) {
        if (spent) {
          outcomes.push({ store: store.name, result: 'not-sent', reason: spent });
          continue;
        }
        try {
          const path = `/stores/${encodeURIComponent(store.name)}`;
          const changed = await api(
            action === 'delete' ? 'DELETE' : 'POST',
            action === 'delete' ? path : `${path}/retry`,
            storeSchema,
            { headers: { 'if-match': `"${store.version}"` } },
          );
          rememberStore(client, changed);
          outcomes.push({ store: store.name, result: 'started' });
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (error instanceof ApiError && error.body.code === 'limit_reached') spent = reason;
          outcomes.push({ store: store.name, result: 'refused', reason });
        }
      }
      return outcomes;
    },
  });
}
