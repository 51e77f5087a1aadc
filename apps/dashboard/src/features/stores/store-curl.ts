import type { StoreView } from '@store-platform/contracts';

import type { CurlRequest } from '../../ui/curl.js';

type StoreAction = 'retry' | 'repair' | 'delete' | 'update' | 'rollback';

/**
 * The request of a store action as the dashboard sends it (src/api/queries.ts, updates.ts): with the version the
 * user sees as If-Match, so that the command, like the button, is refused once the store has changed. `body` is
 * the update's changes, or the rollback's `{ revision }`.
 */
export function storeActionRequest(store: StoreView, action: StoreAction, body?: unknown): CurlRequest {
  const path = `/stores/${encodeURIComponent(store.name)}`;
  const headers = { 'If-Match': `"${store.version}"` };
  if (action === 'delete') return { method: 'DELETE', path, headers };
  if (action === 'update') return { method: 'PATCH', path, headers, body };
  return { method: 'POST', path: `${path}/${action}`, headers, ...(body === undefined ? {} : { body }) };
}

/** POST /stores/{name}/cancel, which takes no version: it stops whatever runs on the store now. */
export const cancelRequest = (store: string): CurlRequest => ({
  method: 'POST',
  path: `/stores/${encodeURIComponent(store)}/cancel`,
});
