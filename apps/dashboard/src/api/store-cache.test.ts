import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import { queryKeys } from './query-keys.js';
import { rememberStore } from './store-cache.js';
import { aHealth, aRevision, aStore } from './testing.js';

function cacheWith(store = aStore({ name: 'corner-shop', health: aHealth('healthy') })) {
  const client = new QueryClient();
  client.setQueryData(queryKeys.stores.list(), [store]);
  client.setQueryData(queryKeys.activity.list({ store: 'corner-shop' }), { items: [] });
  client.setQueryData(queryKeys.stores.revisions('corner-shop'), [aRevision({ revision: 1 })]);
  const stale = () => ({
    activity: client.getQueryState(queryKeys.activity.list({ store: 'corner-shop' }))?.isInvalidated,
    revisions: client.getQueryState(queryKeys.stores.revisions('corner-shop'))?.isInvalidated,
  });
  return { client, store, stale };
}

describe('rememberStore', () => {
  it('refetches the activity and revisions after an event that leaves the store as it was', () => {
    // The outcome of an operation is logged just after the operation ends: its event carries the same store.
    const { client, store, stale } = cacheWith();
    rememberStore(client, { ...store });
    expect(client.getQueryData(queryKeys.stores.detail('corner-shop'))).toEqual(store);
    expect(stale()).toEqual({ activity: true, revisions: true });
  });

  it('refetches the activity and revisions after a change of health or of the store', () => {
    const first = cacheWith();
    const degraded = aHealth('degraded', [{ code: 'app_not_ready', message: '0 of 1 app pods ready' }]);
    rememberStore(first.client, { ...first.store, health: degraded });
    expect(first.stale()).toEqual({ activity: true, revisions: true });
    const second = cacheWith();
    rememberStore(second.client, { ...second.store, status: 'updating', version: 2 });
    expect(second.stale()).toEqual({ activity: true, revisions: true });
  });
});
