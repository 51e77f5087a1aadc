// @vitest-environment jsdom
import { dataPolicySchema, storeSchema } from '@store-platform/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { DangerZone } from './DangerZone.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const shop = aStore({ name: 'corner-shop', version: 7 });

async function openDelete() {
  fireEvent.click(await screen.findByRole('button', { name: 'Delete store' }));
  const dialog = screen.getByRole('dialog', { name: 'Delete corner-shop?' });
  fireEvent.change(within(dialog).getByLabelText("Type the store's name to confirm"), {
    target: { value: 'corner-shop' },
  });
  return dialog;
}

describe('DangerZone', () => {
  it('lets an admin skip the backup: the delete sends ?backup=false with If-Match', async () => {
    const api = new FakeApi()
      .install()
      .reply('GET', '/data-policy', dataPolicySchema, {
        backupsConfigured: true,
        backupBeforeDelete: true,
        retainData: false,
        retentionDays: 7,
      })
      .reply('DELETE', '/stores/corner-shop', storeSchema, { ...shop, status: 'deleting' }, 202);
    renderWithApi(<DangerZone store={shop} role="admin" />);
    const dialog = await openDelete();
    await waitFor(() =>
      expect(within(dialog).getByTestId('delete-data').textContent).toContain('A backup is taken first'),
    );
    // The deletion policy's retention, as a date a week from now.
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toLocaleString(undefined, { dateStyle: 'medium' });
    expect(within(dialog).getByTestId('delete-data').textContent).toContain(`until ${inAWeek}`);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Skip the backup/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.requestsTo('DELETE', '/stores/corner-shop')).toHaveLength(1));
    const [request] = api.requestsTo('DELETE', '/stores/corner-shop');
    expect(request?.path).toBe('/stores/corner-shop?backup=false');
    expect(request?.headers['if-match']).toBe('"7"');
  });

  it('keeps the backup for operators, and says the data goes when backups are off', async () => {
    const api = new FakeApi()
      .install()
      .reply('GET', '/data-policy', dataPolicySchema, {
        backupsConfigured: false,
        backupBeforeDelete: true,
        retainData: false,
        retentionDays: 7,
      })
      .reply('DELETE', '/stores/corner-shop', storeSchema, { ...shop, status: 'deleting' }, 202);
    renderWithApi(<DangerZone store={shop} role="operator" />);
    const dialog = await openDelete();
    await waitFor(() =>
      expect(within(dialog).getByTestId('delete-data').textContent).toContain('Backups are not configured'),
    );
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.requestsTo('DELETE', '/stores/corner-shop')).toHaveLength(1));
    expect(api.requestsTo('DELETE', '/stores/corner-shop')[0]?.path).toBe('/stores/corner-shop');
  });
});
