// @vitest-environment jsdom
import { storeListSchema } from '@store-platform/contracts';
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { useStores } from '../../api/queries.js';
import { useStoreStream } from '../../api/stream.js';
import { aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { reconnectedShownMs } from '../../ui/ConnectionBanner.js';
import { ConnectionStatus } from './ConnectionStatus.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** The signed-in app, reduced: the stream open, the banner, and a store's badge from the list. */
function Live() {
  useStoreStream(true);
  const stores = useStores();
  return (
    <>
      <ConnectionStatus />
      {stores.data?.map((s) => (
        <StatusBadge key={s.name} status={s.status} />
      ))}
    </>
  );
}

const banner = () => document.querySelector('.connection-banner') as HTMLElement;

describe('ConnectionStatus', () => {
  it('says when live updates were lost, greys the badges, and refetches and says so when they are back', async () => {
    const api = new FakeApi().install().reply('GET', '/stores', storeListSchema, {
      items: [aStore({ name: 'corner-shop', status: 'provisioning' })],
    });
    renderWithApi(<Live />);
    await screen.findByText('Provisioning');
    expect(banner().textContent).toBe('');

    act(() => api.cutStreams());
    expect(banner().textContent).toMatch(/^Live updates lost at \d{1,2}:\d\d:\d\d.*, reconnecting…/);
    expect(document.documentElement.hasAttribute('data-offline')).toBe(true);

    // The store finished meanwhile: the refetch after the reconnect shows it.
    api.reply('GET', '/stores', storeListSchema, {
      items: [aStore({ name: 'corner-shop', status: 'running' })],
    });
    act(() => api.reconnectStreams());
    expect(banner().textContent).toMatch(/^Reconnected/);
    expect(document.documentElement.hasAttribute('data-offline')).toBe(false);
    await screen.findByText('Running');
    expect(api.requestsTo('GET', '/stores')).toHaveLength(2);
  });

  it('hides "Reconnected" after a few seconds', async () => {
    const api = new FakeApi().install().reply('GET', '/stores', storeListSchema, { items: [] });
    renderWithApi(<Live />);
    act(() => api.cutStreams());
    vi.useFakeTimers();
    act(() => api.reconnectStreams());
    expect(banner().textContent).toMatch(/^Reconnected/);
    act(() => vi.advanceTimersByTime(reconnectedShownMs));
    expect(banner().textContent).toBe('');
  });

  it('opens a new stream, waiting longer each time, when the browser gives up on one (a proxy 502)', () => {
    vi.useFakeTimers();
    const api = new FakeApi().install().reply('GET', '/stores', storeListSchema, { items: [] });
    renderWithApi(<Live />);
    expect(api.streamsMade).toBe(1);
    act(() => api.cutStreams({ givesUp: true }));
    expect(banner().textContent).toMatch(/^Live updates lost/);
    act(() => vi.advanceTimersByTime(999));
    expect(api.streamsMade).toBe(1);
    act(() => vi.advanceTimersByTime(1));
    expect(api.streamsMade).toBe(2);
    act(() => api.cutStreams({ givesUp: true }));
    act(() => vi.advanceTimersByTime(1999));
    expect(api.streamsMade).toBe(2);
    act(() => vi.advanceTimersByTime(1));
    expect(api.streamsMade).toBe(3);
    act(() => api.reconnectStreams());
    expect(banner().textContent).toMatch(/^Reconnected/);
  });
});
