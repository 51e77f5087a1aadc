/** Cancel of a store's running create, retry or update. */
import { storeSchema } from '@store-platform/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from './client.js';
import { rememberStore } from './store-cache.js';

/**
 * Asks the provisioner to stop the store's running operation; it answers at once with the operation naming who
 * asked, and the store ends Failed (a create cleaned up) or back on its old values (an update) moments later.
 */
export function useCancelOperation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (store: string) => api('POST', `/stores/${encodeURIComponent(store)}/cancel`, storeSchema),
    onSuccess: (store) => rememberStore(client, store),
  });
}
