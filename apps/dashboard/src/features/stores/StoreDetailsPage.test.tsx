// @vitest-environment jsdom
import {
  activityPageSchema,
  engineTitles,
  planTitles,
  stepStatusTitles,
  storeCredentialsSchema,
  storeSchema,
  type Role,
  type StoreView,
} from '@store-platform/contracts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { useStoreStream } from '../../api/stream.js';
import { aHealth, anOperation, aStep, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { StoreDetailsPage } from './StoreDetailsPage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const installing = aStore({
  name: 'corner-shop',
  engine: 'woocommerce',
  plan: 'standard',
  status: 'provisioning',
  operation: anOperation({
    phase: 'running',
    finishedAt: null,
    steps: [
      aStep({ name: 'preflight', title: 'Pre-flight checks', status: 'done' }),
      aStep({ name: 'install', title: 'Install store (Helm)', status: 'running' }),
    ],
  }),
});
const noActivity = { items: [], page: 1, pageSize: 25, total: 0 };

/** The page as the signed-in app shows it: with the event stream open. */
function LiveDetails() {
  useStoreStream(true);
  return <StoreDetailsPage role="operator" />;
}

function renderDetails() {
  const api = new FakeApi()
    .install()
    .reply('GET', '/stores/corner-shop', storeSchema, installing)
    .reply('GET', '/activity', activityPageSchema, noActivity);
  renderWithApi(<LiveDetails />, { path: '/stores/corner-shop', route: '/stores/:name' });
  return api;
}

describe('StoreDetailsPage', () => {
  it('shows engine, plan and step states in the words of contracts', async () => {
    renderDetails();
    const overview = await screen.findByRole('region', { name: 'Overview' });
    expect(overview.textContent).toContain(`${engineTitles.woocommerce}, ${planTitles.standard}`);
    const steps = screen.getByRole('list', { name: 'Steps' });
    expect(steps.textContent).toContain(`Pre-flight checks ${stepStatusTitles.done}`);
    expect(steps.textContent).toContain(`Install store (Helm) ${stepStatusTitles.running}`);
    // The tab names the store, so that tabs and history tell stores apart.
    expect(document.title).toBe('corner-shop · Stores · Store Platform');
  });

  it('follows the event stream: the store, then its history, then that it is gone', async () => {
    const api = renderDetails();
    await waitFor(() => expect(document.querySelector('.status-badge')?.textContent).toBe('Provisioning'));
    // The store's activity (the health panel asks for its changes of health apart, once the store runs).
    const activity = () => api.requestsTo('GET', '/activity').filter((r) => !r.path.includes('action='));
    await vi.waitFor(() => expect(activity()).toHaveLength(1));
    expect(activity()[0]?.path).toBe('/activity?store=corner-shop&pageSize=25');
    api.sendStore({ ...installing, status: 'running', version: 2, operation: anOperation() });
    await waitFor(() => expect(document.querySelector('.status-badge')?.textContent).toBe('Running'));
    // The history is refetched, as every change of a store comes with an entry.
    await vi.waitFor(() => expect(activity()).toHaveLength(2));
    api.sendStoreDeleted('corner-shop');
    await screen.findByText('There is no store named corner-shop; it may have been deleted.');
  });

  it('retries a failed store with the version the user saw', async () => {
    const failed = { ...installing, status: 'failed' as const, version: 7 };
    const api = new FakeApi()
      .install()
      .reply('GET', '/stores/corner-shop', storeSchema, failed)
      .reply('GET', '/activity', activityPageSchema, noActivity)
      .reply('POST', '/stores/corner-shop/retry', storeSchema, { ...installing, version: 8 }, 202);
    renderWithApi(<StoreDetailsPage role="operator" />, {
      path: '/stores/corner-shop',
      route: '/stores/:name',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(document.querySelector('.status-badge')?.textContent).toBe('Provisioning'));
    expect(api.requestsTo('POST', '/stores/corner-shop/retry')[0]?.headers['if-match']).toBe('"7"');
  });

  it.each<[Role, string[]]>([
    ['viewer', []],
    ['operator', ['Edit', 'Repair', 'Delete store']],
  ])(
    'shows a %s of a running store its health, and only the actions the role allows',
    async (role, actions) => {
      const running = aStore({
        name: 'corner-shop',
        health: aHealth('degraded', [{ code: 'app_not_ready', message: '1 of 2 app pods not ready' }]),
      });
      new FakeApi()
        .install()
        .reply('GET', '/stores/corner-shop', storeSchema, running)
        .reply('GET', '/activity', activityPageSchema, noActivity);
      renderWithApi(<StoreDetailsPage role={role} />, {
        path: '/stores/corner-shop',
        route: '/stores/:name',
      });
      const overview = await screen.findByRole('region', { name: 'Overview' });
      expect(overview.textContent).toContain('Health: ! Degraded1 of 2 app pods not ready');
      expect(screen.getByRole('region', { name: 'Health' }).textContent).toContain(
        'app_not_ready 1 of 2 app pods not ready',
      );
      expect(screen.getByRole('link', { name: 'Release history' }).getAttribute('href')).toBe(
        '/stores/corner-shop/history',
      );
      const shown = ['Edit', 'Repair', 'Delete store', 'Retry'].filter(
        (name) => screen.queryByRole('link', { name }) ?? screen.queryByRole('button', { name }),
      );
      expect(shown).toEqual(actions);
      if (role !== 'viewer') {
        expect(screen.getByRole('link', { name: 'Edit' }).getAttribute('href')).toBe(
          '/stores/corner-shop/edit',
        );
      }
    },
  );

  it('offers Open admin first and links to the addresses only while the store runs; each copies', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderStore(aStore({ name: 'corner-shop' }), 'operator');
    const open = await screen.findByRole('link', { name: 'Open admin' });
    expect(open.className).toContain('button-primary');
    expect(open.getAttribute('href')).toBe('https://corner-shop.example.test/wp-admin');
    const overview = screen.getByRole('region', { name: 'Overview' });
    expect(within(overview).getByRole('link', { name: 'https://corner-shop.example.test' })).toBeTruthy();
    for (const [what, value] of [
      ['storefront URL', 'https://corner-shop.example.test'],
      ['admin URL', 'https://corner-shop.example.test/wp-admin'],
      ['namespace', 'store-corner-shop'],
    ]) {
      fireEvent.click(screen.getByRole('button', { name: `Copy ${what}` }));
      expect(await screen.findByRole('button', { name: `Copied ${what}` })).toBeTruthy();
      expect(writeText).toHaveBeenLastCalledWith(value);
    }
  });

  it.each<StoreView['status']>(['failed', 'provisioning'])(
    'shows the addresses of a %s store as text that says why they are not links',
    async (status) => {
      renderStore({ ...installing, status }, 'operator');
      const overview = await screen.findByRole('region', { name: 'Overview' });
      expect(within(overview).queryAllByRole('link')).toHaveLength(0);
      expect(overview.textContent).toContain(
        'https://corner-shop.example.test (not a link until the store is running)',
      );
      expect(screen.queryByRole('link', { name: 'Open admin' })).toBeNull();
    },
  );

  it('says how to copy by hand when the browser refuses the clipboard', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: () => Promise.reject(new Error('denied')) },
    });
    renderStore(aStore({ name: 'corner-shop' }), 'operator');
    fireEvent.click(await screen.findByRole('button', { name: 'Copy namespace' }));
    expect((await screen.findByRole('alert')).textContent).toContain('select the text and press Ctrl+C');
  });

  it('puts Delete in a danger zone at the end, with its curl command', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderStore(aStore({ name: 'corner-shop', version: 4 }), 'operator');
    const danger = await screen.findByRole('region', { name: 'Danger zone' });
    const sections = [...document.querySelectorAll('section')];
    expect(sections.at(-1)).toBe(danger);
    expect(within(danger).getByRole('button', { name: 'Delete store' })).toBeTruthy();
    fireEvent.click(within(danger).getByRole('button', { name: 'Copy as curl to delete this store' }));
    await waitFor(() => expect(writeText).toHaveBeenCalled());
    expect(writeText.mock.calls[0]?.[0]).toBe(
      [
        `curl -X DELETE '${window.location.origin}/api/v1/stores/corner-shop' \\`,
        `  -H "Authorization: Bearer $STORE_PLATFORM_TOKEN" \\`,
        `  -H 'If-Match: "4"'`,
      ].join('\n'),
    );
  });

  it('hides revealed credentials again after 60 s, counting down, and copies the password', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const api = renderStore(aStore({ name: 'corner-shop' }), 'admin');
    api.reply('POST', '/stores/corner-shop/credentials', storeCredentialsSchema, {
      username: 'admin',
      password: 's3cret-pass',
      adminUrl: 'https://corner-shop.example.test/wp-admin',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reveal admin credentials' }));
    expect((await screen.findByTestId('admin-password')).textContent).toBe('s3cret-pass');
    expect(screen.getByTestId('reveal-countdown').textContent).toBe('Hidden again in 60 s.');
    fireEvent.click(screen.getByRole('button', { name: 'Copy admin password' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('s3cret-pass'));
    act(() => vi.advanceTimersByTime(15_000));
    expect(screen.getByTestId('reveal-countdown').textContent).toBe('Hidden again in 45 s.');
    act(() => vi.advanceTimersByTime(45_000));
    expect(screen.queryByTestId('admin-password')).toBeNull();
    expect(screen.queryByText('s3cret-pass')).toBeNull();
    expect(screen.getByRole('button', { name: 'Reveal admin credentials' })).toBeTruthy();
  });
});

function renderStore(store: StoreView, role: Role) {
  const api = new FakeApi()
    .install()
    .reply('GET', '/stores/corner-shop', storeSchema, store)
    .reply('GET', '/activity', activityPageSchema, noActivity);
  renderWithApi(<StoreDetailsPage role={role} />, { path: '/stores/corner-shop', route: '/stores/:name' });
  return api;
}
