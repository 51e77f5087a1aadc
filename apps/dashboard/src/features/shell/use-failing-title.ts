import type { StoreView } from '@store-platform/contracts';

import { useStores } from '../../api/queries.js';
import { useFailingCountInTitle } from '../../ui/use-page-title.js';

/** A store that needs someone: its last operation failed, or it is down. */
export const isFailing = (store: StoreView) => store.status === 'failed' || store.health?.state === 'down';

/** The tab's title starts with the number of failing stores, from the live store list: "(3) Stores · …". */
export function useFailingStoresInTitle(): void {
  const stores = useStores();
  useFailingCountInTitle((stores.data ?? []).filter(isFailing).length);
}
