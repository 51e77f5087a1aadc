import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import { queryKeys } from './query-keys.js';
import { forgetStore, onStoreChange, rememberStore, type StoreChange } from './store-cache.js';
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

describe('onStoreChange', () => {
  it('hears each change with the store as the cache had it before, and a forgotten store as gone', () => {
    const { client, store } = cacheWith();
    const changes: StoreChange[] = [];
    const stop = onStoreChange((change) => changes.push(change));
    const deleting = { ...store, status: 'deleting' as const, version: 2 };
    rememberStore(client, deleting);
    rememberStore(client, aStore({ name: 'new-shop', status: 'provisioning' }));
    forgetStore(client, 'corner-shop');
    stop();
    forgetStore(client, 'new-shop');
    expect(changes.map((c) => [c.name, c.before?.status, c.after?.status ?? null])).toEqual([
      ['corner-shop', 'running', 'deleting'],
      ['new-shop', undefined, 'provisioning'],
      ['corner-shop', 'deleting', null],
    ]);
  });
});
