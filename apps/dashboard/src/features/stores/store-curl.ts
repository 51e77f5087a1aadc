import type { StoreView } from '@store-platform/contracts';

import type { CurlRequest } from '../../ui/curl.js';

/**
 * The request of a store action as the dashboard sends it (src/api/queries.ts, updates.ts): with the version the
 * user sees as If-Match, so that the command, like the button, is refused once the store has changed.
 */
export function storeActionRequest(store: StoreView, action: 'retry' | 'repair' | 'delete'): CurlRequest {
  const path = `/stores/${encodeURIComponent(store.name)}`;
  const headers = { 'If-Match': `"${store.version}"` };
  return action === 'delete'
    ? { method: 'DELETE', path, headers }
    : { method: 'POST', path: `${path}/${action}`, headers };
}
