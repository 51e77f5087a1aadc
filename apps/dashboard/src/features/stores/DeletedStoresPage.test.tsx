// @vitest-environment jsdom
import { deletedStoreListSchema, storeSchema, type DeletedStoreView } from '@store-platform/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { DeletedStoresPage } from './DeletedStoresPage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const backupId = '33333333-3333-4333-8333-333333333333';
const withBackup: DeletedStoreView = {
  name: 'old-shop',
  engine: 'woocommerce',
  plan: 'standard',
  deletedBy: 'olga',
  deletedAt: '2026-01-01T10:00:00.000Z',
  restorableUntil: '2026-01-08T10:00:00.000Z',
  lastBackupId: backupId,
  retainedVolumes: [],
};
const volumesOnly: DeletedStoreView = { ...withBackup, name: 'kept-shop', lastBackupId: null };

function renderPage(canRestore: boolean, items: DeletedStoreView[] = [withBackup, volumesOnly]) {
  const api = new FakeApi().install().reply('GET', '/deleted-stores', deletedStoreListSchema, { items });
  renderWithApi(<DeletedStoresPage canRestore={canRestore} />, { path: '/deleted', route: '/deleted' });
  return api;
}

const row = async (name: string) =>
  (await screen.findByRole('table', { name: 'Deleted stores' })).querySelector(
    `tr[data-store="${name}"]`,
  ) as HTMLElement;

describe('DeletedStoresPage', () => {
  it('lists deleted stores with who deleted them and until when they can be restored', async () => {
    renderPage(false);
    const old = await row('old-shop');
    expect(old.textContent).toContain('WooCommerce, Standard');
    expect(old.textContent).toContain('by olga');
    expect(within(old).getAllByRole('time')[1]?.getAttribute('datetime')).toBe(withBackup.restorableUntil);
    // Viewers restore nothing.
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says when nothing can be restored', async () => {
    renderPage(true, []);
    expect(await screen.findByText('No deleted store can be restored.')).toBeTruthy();
  });

  it('restores into a new store from the last backup, the old name offered and editable', async () => {
    const api = renderPage(true);
    api.reply('POST', '/stores', storeSchema, aStore({ name: 'old-shop-2', status: 'provisioning' }), 202);
    expect((await row('kept-shop')).textContent).toContain('No backup was taken');
    fireEvent.click(within(await row('old-shop')).getByRole('button', { name: /Restore into a new store/ }));
    const dialog = screen.getByRole('dialog', { name: 'Restore old-shop into a new store' });
    const name = within(dialog).getByLabelText("New store's name") as HTMLInputElement;
    expect(name.value).toBe('old-shop');
    fireEvent.change(name, { target: { value: 'old-shop-2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create store' }));
    await waitFor(() => expect(api.requestsTo('POST', '/stores')).toHaveLength(1));
    expect(api.requestsTo('POST', '/stores')[0]?.body).toEqual({
      name: 'old-shop-2',
      engine: 'woocommerce',
      plan: 'standard',
      fromBackup: backupId,
    });
  });
});
