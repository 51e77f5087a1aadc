// @vitest-environment jsdom
import { storeListSchema } from '@store-platform/contracts';
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useStoreStream } from '../../api/stream.js';
import { anOperation, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { clearToasts, ToastRegion } from '../../ui/Toasts.js';
import { highlightMs } from './highlights.js';
import { gatherMs, useStoreAnnouncements } from './store-announcements.js';
import { StoreListPage } from './StoreListPage.js';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => {
  act(() => clearToasts());
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The signed-in frame as far as toasts go: the stream, the announcer, the list and the one live region. */
function Frame() {
  useStoreStream(true);
  useStoreAnnouncements();
  return (
    <>
      <StoreListPage canCreate />
      <ToastRegion />
    </>
  );
}

const live = () => screen.getByRole('status', { hidden: true }).textContent;
const settle = async (ms = gatherMs) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));

describe('store announcements', () => {
  it('toast a store that is running, one that failed, and a delete with its time, and mark the row', async () => {
    const api = new FakeApi().install().reply('GET', '/stores', storeListSchema, {
      items: [
        aStore({ name: 'acme-shop', status: 'provisioning' }),
        aStore({ name: 'bad-shop', status: 'provisioning' }),
        aStore({ name: 'alpha-shop' }),
      ],
    });
    renderWithApi(<Frame />);
    await vi.waitFor(() => screen.getByRole('link', { name: 'acme-shop' }));

    api.sendStore(aStore({ name: 'acme-shop', status: 'running', version: 2 }));
    await settle();
    expect(live()).toBe('acme-shop is running: Open storefront×Dismiss');
    expect(screen.getByRole('link', { name: 'Open storefront' }).getAttribute('href')).toBe(
      'https://acme-shop.example.test',
    );
    const row = document.querySelector('tr[data-store="acme-shop"]');
    expect(row?.hasAttribute('data-highlight')).toBe(true);
    await settle(highlightMs);
    expect(row?.hasAttribute('data-highlight')).toBe(false);

    api.sendStore(
      aStore({
        name: 'bad-shop',
        status: 'failed',
        version: 2,
        operation: anOperation({
          phase: 'failed',
          error: { step: 'install', message: 'Install failed', evidence: [], headline: 'Not enough CPU' },
        }),
      }),
    );
    await settle();
    expect(live()).toContain('bad-shop failed: Not enough CPU: See why');

    api.sendStore(aStore({ name: 'alpha-shop', status: 'deleting', version: 2 }));
    await settle(7000);
    api.sendStoreDeleted('alpha-shop');
    await settle();
    expect(live()).toContain('alpha-shop deleted in 7 s');
  });

  it('gathers stores deleted together into one toast', async () => {
    const api = new FakeApi().install().reply('GET', '/stores', storeListSchema, {
      items: ['a-shop', 'b-shop', 'c-shop', 'd-shop'].map((name) => aStore({ name, status: 'deleting' })),
    });
    renderWithApi(<Frame />);
    await vi.waitFor(() => screen.getByRole('link', { name: 'a-shop' }));
    // Seen deleting only now: the time counts from here.
    for (const name of ['a-shop', 'b-shop', 'c-shop', 'd-shop']) {
      api.sendStore(aStore({ name, status: 'deleting', version: 2 }));
    }
    await settle(4000);
    for (const name of ['a-shop', 'b-shop', 'c-shop', 'd-shop']) api.sendStoreDeleted(name);
    await settle();
    expect(live()).toBe('4 stores deleted in 4 s: a-shop, b-shop and 2 more×Dismiss');
    expect(document.querySelectorAll('.toast')).toHaveLength(1);
  });

  it('say nothing of a store the page did not know before', async () => {
    const api = new FakeApi().install().reply('GET', '/stores', storeListSchema, { items: [] });
    renderWithApi(<Frame />);
    await vi.waitFor(() => screen.getByText('No stores yet'));
    api.sendStore(aStore({ name: 'x-shop' }));
    await settle();
    expect(screen.getByRole('link', { name: 'x-shop' })).toBeTruthy();
    expect(live()).toBe('');
  });
});
