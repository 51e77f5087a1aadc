// @vitest-environment jsdom
import {
  engineTitles,
  planTitles,
  storeListSchema,
  storeStatusTitles,
  type StoreView,
} from '@store-platform/contracts';
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { useStoreStream } from '../../api/stream.js';
import { aHealth, anOperation, aStep, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { StoreListPage } from './StoreListPage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The list as the signed-in app shows it: with the event stream open. */
function LiveList() {
  useStoreStream(true);
  return <StoreListPage canCreate />;
}

const showing = (stores: StoreView[]) =>
  new FakeApi().install().reply('GET', '/stores', storeListSchema, { items: stores });
const row = async (name: string) => {
  const link = await screen.findByRole('link', { name });
  return within(link.closest('tr') as HTMLTableRowElement);
};
/** The status badge's words in the store's row. */
const statusOf = async (name: string) =>
  (await screen.findByRole('link', { name })).closest('tr')?.querySelector('.status-badge')?.textContent;
/** Waits until the store's row shows `status`. */
const shownAs = (name: string, status: string) =>
  vi.waitFor(async () => expect(await statusOf(name)).toBe(status));

describe('StoreListPage', () => {
  it('names engines, plans and statuses with the titles from contracts', async () => {
    showing([aStore({ name: 'corner-shop', engine: 'medusa', plan: 'premium', status: 'failed' })]);
    renderWithApi(<StoreListPage canCreate />);
    const shop = await row('corner-shop');
    expect(shop.getByText(engineTitles.medusa)).toBeTruthy();
    expect(shop.getByText(planTitles.premium)).toBeTruthy();
    expect(await statusOf('corner-shop')).toBe(storeStatusTitles.failed);
    const statuses = [...(screen.getByLabelText('Status') as HTMLSelectElement).options].map((o) => o.text);
    expect(statuses).toEqual(['Any status', ...Object.values(storeStatusTitles)]);
  });

  it('shows the observed health of running stores in words, with the first reason, and progress for others', async () => {
    const crashing = '1 of 1 app pods not ready: CrashLoopBackOff, 4 restarts in 10 minutes';
    showing([
      aStore({ name: 'fine-shop', health: aHealth('healthy') }),
      aStore({
        name: 'sick-shop',
        health: aHealth('degraded', [
          { code: 'app_not_ready', message: crashing },
          { code: 'quota_near_limit', message: 'memory 92% of the namespace quota' },
        ]),
      }),
      aStore({ name: 'new-shop', health: null }),
      aStore({
        name: 'busy-shop',
        status: 'provisioning',
        operation: anOperation({
          phase: 'running',
          steps: [aStep({ name: 'install', title: 'Install store (Helm)', status: 'running' })],
        }),
      }),
    ]);
    renderWithApi(<StoreListPage canCreate />);
    // The cells after the tick box and the name.
    const healthCell = async (name: string) => (await row(name)).getAllByRole('cell')[3]?.textContent;
    expect(await healthCell('fine-shop')).toBe('Health: ✓ Healthy');
    expect(await healthCell('sick-shop')).toBe(`Health: ! Degraded${crashing} (+1 more)`);
    // The reason is cut to one line on screen: its title holds every reason, for the mouse.
    const reason = (await row('sick-shop')).getByText(crashing, { exact: false });
    expect(reason.getAttribute('title')).toBe(`${crashing}\nmemory 92% of the namespace quota`);
    expect(await healthCell('new-shop')).toBe('Not checked yet');
    expect(await healthCell('busy-shop')).toBe('Install store (Helm) (step 1 of 1)');
    // No badge is a live region of its own: a list of dozens would be a chorus.
    expect(screen.queryAllByRole('status')).toHaveLength(0);
  });

  it('follows the event stream: a changed store changes its row, a deleted one leaves', async () => {
    const api = showing([
      aStore({ name: 'corner-shop', status: 'provisioning' }),
      aStore({ name: 'old-shop' }),
    ]);
    renderWithApi(<LiveList />);
    await shownAs('corner-shop', 'Provisioning');
    api.sendStore(aStore({ name: 'corner-shop', status: 'running', version: 2 }));
    await shownAs('corner-shop', 'Running');
    api.sendStore(aStore({ name: 'new-shop', status: 'provisioning' }));
    await row('new-shop');
    api.sendStoreDeleted('old-shop');
    await vi.waitFor(() => expect(screen.queryByRole('link', { name: 'old-shop' })).toBeNull());
    // Nothing was fetched again: the stream carried it all.
    expect(api.requestsTo('GET', '/stores')).toHaveLength(1);
  });

  it('fetches the list again after resync, and after the stream was cut and reopened', async () => {
    const api = showing([aStore({ name: 'corner-shop' })]);
    renderWithApi(<LiveList />);
    await row('corner-shop');
    // Meanwhile a store was made that no event announced: the server's feed was deaf.
    api.reply('GET', '/stores', storeListSchema, {
      items: [aStore({ name: 'corner-shop' }), aStore({ name: 'missed-shop' })],
    });
    api.send('resync', JSON.stringify({ message: 'live updates were interrupted; refetch what you show' }));
    await row('missed-shop');
    expect(api.requestsTo('GET', '/stores')).toHaveLength(2);
    // The stream itself cut (the provisioner restarted) and opened again by EventSource.
    api.send('error', '');
    api.send('open', '');
    await vi.waitFor(() => expect(api.requestsTo('GET', '/stores')).toHaveLength(3));
  });

  it('ignores a stream event of a shape it does not know, and says so in the console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const api = showing([aStore({ name: 'corner-shop' })]);
    renderWithApi(<LiveList />);
    await row('corner-shop');
    api.send('store', JSON.stringify({ name: 'corner-shop', status: 'paused' }));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"store" event of an unexpected shape'));
    expect(await statusOf('corner-shop')).toBe('Running');
  });

  it('shows which endpoint answered with a shape the dashboard does not know', async () => {
    new FakeApi().install().replyText('GET', '/stores', 200, JSON.stringify({ stores: [] }));
    renderWithApi(<StoreListPage canCreate />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'The stores could not be loaded. GET /api/v1/stores answered with an unexpected shape: items: ' +
        'Invalid input: expected array, received undefined',
    );
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
