// @vitest-environment jsdom
import { storeListSchema, storeSchema, type StoreView } from '@store-platform/contracts';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { anOperation, aHealth, aStep, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { StoreListPage } from './StoreListPage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A store that failed, with the provisioner's headline and cause when given. */
const failedStore = (
  name: string,
  error: { step?: string; headline?: string; cause?: string; message?: string },
) =>
  aStore({
    name,
    status: 'failed',
    operation: anOperation({
      store: name,
      phase: 'failed',
      steps: [
        aStep({
          name: error.step ?? 'install',
          title: error.step === 'preflight' ? 'Pre-flight checks' : 'Install store (Helm)',
          status: 'failed',
        }),
      ],
      error: {
        step: error.step ?? 'install',
        message: error.message ?? 'Install store (Helm) failed: context deadline exceeded',
        evidence: [],
        ...(error.headline ? { headline: error.headline } : {}),
        ...(error.cause ? { cause: error.cause } : {}),
      },
    }),
  });

const cpu = 'Database pod cannot be scheduled: not enough CPU';
const stores = [
  failedStore('cpu-one', { headline: cpu, cause: 'insufficient_cpu' }),
  failedStore('cpu-two', { headline: cpu, cause: 'insufficient_cpu' }),
  failedStore('old-fail', { step: 'preflight', message: 'Pre-flight checks failed: quota' }),
  aStore({ name: 'fine-shop', health: aHealth('healthy') }),
  aStore({
    name: 'sick-shop',
    health: aHealth('down', [{ code: 'app_not_ready', message: '0 of 1 app pods ready' }]),
  }),
  aStore({ name: 'new-shop', status: 'provisioning' }),
];

const showing = (items: StoreView[]) =>
  new FakeApi().install().reply('GET', '/stores', storeListSchema, { items });
const names = () =>
  [...document.querySelectorAll('tr[data-store]')].map((tr) => tr.getAttribute('data-store')).sort();

describe('store list triage', () => {
  it('counts stores by status, and each count filters the list', async () => {
    showing(stores);
    renderWithApi(<StoreListPage canCreate />);
    const counts = await screen.findByRole('group', { name: 'Stores by status' });
    expect(counts.textContent).toBe('Provisioning 1 · Running 2 · Failed 3');
    fireEvent.click(within(counts).getByRole('button', { name: 'Failed 3' }));
    await vi.waitFor(() => expect(names()).toEqual(['cpu-one', 'cpu-two', 'old-fail']));
    expect(within(counts).getByRole('button', { name: 'Failed 3' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('failed');
    // Pressed again, it shows every store.
    fireEvent.click(within(counts).getByRole('button', { name: 'Failed 3' }));
    await vi.waitFor(() => expect(names()).toHaveLength(6));
  });

  it('says in each failed row why, in one line with the whole text in its title', async () => {
    showing(stores);
    renderWithApi(<StoreListPage canCreate />);
    const row = (await screen.findByRole('link', { name: 'cpu-one' })).closest('tr') as HTMLElement;
    const reason = within(row).getByText(cpu);
    expect(reason.getAttribute('title')).toBe(cpu);
    expect(row.textContent).toContain('Failed at: Install store (Helm)');
    // No headline (an older failure): its message.
    const old = (await screen.findByRole('link', { name: 'old-fail' })).closest('tr') as HTMLElement;
    expect(within(old).getByText('Pre-flight checks failed: quota')).toBeTruthy();
  });

  it('retries the ticked failed stores and deletes ticked stores once "delete N stores" is typed', async () => {
    const api = showing(stores);
    for (const name of ['cpu-one', 'cpu-two']) {
      api.reply(
        'POST',
        `/stores/${name}/retry`,
        storeSchema,
        aStore({ name, status: 'provisioning', version: 2 }),
      );
    }
    api.fail('DELETE', '/stores/fine-shop', 409, {
      code: 'conflict',
      message: 'the store changed since you loaded it',
    });
    api.reply(
      'DELETE',
      '/stores/old-fail',
      storeSchema,
      aStore({ name: 'old-fail', status: 'deleting', version: 2 }),
    );
    renderWithApi(<StoreListPage canCreate />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select cpu-one' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select cpu-two' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select fine-shop' }));
    const bar = screen.getByRole('group', { name: 'Selected stores' });
    expect(bar.textContent).toContain('3 selected');
    fireEvent.click(within(bar).getByRole('button', { name: 'Retry 2 failed' }));
    await screen.findByText('2 stores are being retried.');
    expect(api.requestsTo('POST', '/stores/cpu-one/retry')[0]?.headers['if-match']).toBe('"1"');
    expect(api.requestsTo('POST', '/stores/fine-shop/retry')).toHaveLength(0);
    expect(screen.queryByRole('group', { name: 'Selected stores' })).toBeNull();

    // Select all shown, within a filter: only those shown are ticked.
    fireEvent.change(screen.getByLabelText('Search by name'), { target: { value: 'f' } });
    await vi.waitFor(() => expect(names()).toEqual(['fine-shop', 'old-fail']));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown stores' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 stores?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete 2' });
    const typed = within(dialog).getByLabelText('Type "delete 2 stores" to confirm');
    fireEvent.change(typed, { target: { value: 'delete 2 store' } });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(typed, { target: { value: 'delete 2 stores' } });
    fireEvent.click(confirm);
    const note = await screen.findByText(
      '1 store is being deleted. 1 refused: fine-shop (the store changed since you loaded it).',
    );
    expect(document.activeElement).toBe(note.closest('.outcome-note'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('stops sending once the write budget is spent and says which stores were not sent', async () => {
    const api = showing(stores.slice(0, 3));
    api.fail('POST', '/stores/cpu-one/retry', 429, {
      code: 'limit_reached',
      message: 'too many writes: at most 60 a minute; try again in 12 s',
    });
    renderWithApi(<StoreListPage canCreate />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select all shown stores' }));
    fireEvent.click(screen.getByRole('button', { name: 'Retry 3 failed' }));
    await screen.findByText(
      '1 refused: cpu-one (too many writes: at most 60 a minute; try again in 12 s). 2 not sent (cpu-two, ' +
        'old-fail): too many writes: at most 60 a minute; try again in 12 s.',
    );
    expect(api.requestsTo('POST', '/stores/cpu-two/retry')).toHaveLength(0);
  });

  it('gives viewers no tick boxes and no bulk actions', async () => {
    showing(stores);
    renderWithApi(<StoreListPage canCreate={false} />, { path: '/' });
    await screen.findByRole('link', { name: 'cpu-one' });
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });

  it('groups failed and unhealthy stores by cause in the Needs attention view, with an action per group', async () => {
    const api = showing(stores);
    for (const name of ['cpu-one', 'cpu-two']) {
      api.reply('DELETE', `/stores/${name}`, storeSchema, aStore({ name, status: 'deleting', version: 2 }));
    }
    renderWithApi(<StoreListPage canCreate />, { path: '/?view=attention' });
    const groups = async () =>
      (await screen.findAllByRole('region')).map((g) => [
        g.querySelector('h2')?.textContent,
        within(g)
          .getAllByRole('link')
          .map((l) => l.textContent),
      ]);
    expect(await groups()).toEqual([
      [cpu, ['cpu-one', 'cpu-two']],
      ['Down: 0 of 1 app pods ready', ['sick-shop']],
      ['Failed at: Pre-flight checks', ['old-fail']],
    ]);
    expect(screen.getByRole('link', { name: 'Needs attention (4)' }).getAttribute('aria-current')).toBe(
      'page',
    );
    const cpuGroup = screen.getByRole('region', { name: cpu });
    expect(within(cpuGroup).getByRole('button', { name: 'Retry all 2' })).toBeTruthy();
    // Unhealthy running stores cannot be retried.
    expect(
      within(screen.getByRole('region', { name: /^Down/ })).queryByRole('button', { name: /Retry/ }),
    ).toBeNull();
    fireEvent.click(within(cpuGroup).getByRole('button', { name: 'Delete all 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 stores?' });
    expect(dialog.textContent).toContain('cpu-one, cpu-two');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'delete 2 stores' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete 2' }));
    await screen.findByText('2 stores are being deleted.');
    expect(api.requestsTo('DELETE', '/stores/cpu-two')).toHaveLength(1);
  });

  it('on a phone shows cards and folds the filters behind "Filters (n)"', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('max-width'),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }));
    showing(stores);
    renderWithApi(<StoreListPage canCreate />, { path: '/?status=failed&q=cpu' });
    const cards = await screen.findByRole('list', { name: 'Stores' });
    expect(
      within(cards)
        .getAllByRole('listitem')
        .map((c) => c.getAttribute('data-store')),
    ).toEqual(['cpu-one', 'cpu-two']);
    expect(within(cards).getAllByText(cpu)).toHaveLength(2);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('search')).toBeNull();
    const button = screen.getByRole('button', { name: 'Filters (2)' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect((screen.getByLabelText('Search by name') as HTMLInputElement).value).toBe('cpu');
  });
});
