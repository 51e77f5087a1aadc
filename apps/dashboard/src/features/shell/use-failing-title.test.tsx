// @vitest-environment jsdom
import { storeListSchema } from '@store-platform/contracts';
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { aHealth, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { useFailingStoresInTitle } from './use-failing-title.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function StoresPage() {
  useFailingStoresInTitle();
  usePageTitle('Stores');
  return null;
}

describe('useFailingStoresInTitle', () => {
  it('puts the number of failed or down stores in front of the tab title', async () => {
    new FakeApi().install().reply('GET', '/stores', storeListSchema, {
      items: [
        aStore({ name: 'broken', status: 'failed' }),
        aStore({ name: 'down-shop', health: aHealth('down') }),
        aStore({ name: 'fine', health: aHealth('degraded') }),
      ],
    });
    renderWithApi(<StoresPage />);
    await vi.waitFor(() => expect(document.title).toBe('(2) Stores · Store Platform'));
  });

  it('shows no number when nothing fails', async () => {
    const api = new FakeApi()
      .install()
      .reply('GET', '/stores', storeListSchema, { items: [aStore({ name: 'fine' })] });
    renderWithApi(<StoresPage />);
    await vi.waitFor(() => expect(api.requestsTo('GET', '/stores')).toHaveLength(1));
    expect(document.title).toBe('Stores · Store Platform');
  });
});
