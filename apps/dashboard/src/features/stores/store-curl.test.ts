import { describe, expect, it } from 'vitest';

import { aStore } from '../../api/testing.js';
import { curlCommand } from '../../ui/curl.js';
import { cancelRequest, storeActionRequest } from './store-curl.js';

const shop = aStore({ name: 'acme-shop', version: 7 });
const origin = 'https://platform.example.com';

describe('store actions as curl commands', () => {
  it('sends each change with the version the user saw, and its body', () => {
    expect(storeActionRequest(shop, 'update', { plan: 'standard' })).toEqual({
      method: 'PATCH',
      path: '/stores/acme-shop',
      headers: { 'If-Match': '"7"' },
      body: { plan: 'standard' },
    });
    expect(storeActionRequest(shop, 'rollback', { revision: 2 })).toEqual({
      method: 'POST',
      path: '/stores/acme-shop/rollback',
      headers: { 'If-Match': '"7"' },
      body: { revision: 2 },
    });
    expect(storeActionRequest(shop, 'delete')).toEqual({
      method: 'DELETE',
      path: '/stores/acme-shop',
      headers: { 'If-Match': '"7"' },
    });
  });

  it('cancels without a version, whatever runs now', () => {
    const command = curlCommand(cancelRequest('acme-shop'), origin);
    expect(command).toContain('-X POST');
    expect(command).toContain(`${origin}/api/v1/stores/acme-shop/cancel`);
    expect(command).not.toContain('If-Match');
  });
});
