// @vitest-environment jsdom
import {
  backupListSchema,
  backupViewSchema,
  dataPolicySchema,
  storeSchema,
  type BackupView,
  type Role,
} from '@store-platform/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { anOperation, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { BackupsPanel } from './BackupsPanel.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const shop = aStore({ name: 'corner-shop', version: 4 });

function aBackup(overrides: Partial<BackupView> & Pick<BackupView, 'id'>): BackupView {
  return backupViewSchema.parse({
    store: 'corner-shop',
    status: 'succeeded',
    reason: 'manual',
    createdBy: 'olga',
    createdAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:01:00.000Z',
    operationId: null,
    objectKey: 'stores/corner-shop/x/archive.tar.gz',
    sizeBytes: 1_530_000,
    sha256: 'a'.repeat(64),
    engine: 'woocommerce',
    engineVersion: '6.8',
    error: null,
    ...overrides,
  });
}

const policy = (backupsConfigured: boolean) => ({
  backupsConfigured,
  backupBeforeDelete: true,
  retainData: false,
  retentionDays: 7,
});

const complete = aBackup({ id: '11111111-1111-4111-8111-111111111111' });
const failed = aBackup({
  id: '22222222-2222-4222-8222-222222222222',
  status: 'failed',
  reason: 'before-delete',
  sizeBytes: null,
  error: 'the database dump failed: Access denied',
});

function renderPanel(role: Role, items: BackupView[] = [complete, failed]) {
  const api = new FakeApi()
    .install()
    .reply('GET', '/data-policy', dataPolicySchema, policy(true))
    .reply('GET', '/stores/corner-shop/backups', backupListSchema, { items });
  renderWithApi(<BackupsPanel store={shop} role={role} />);
  return api;
}

const table = () => screen.findByRole('table', { name: 'Backups' });

describe('BackupsPanel', () => {
  it('lists backups with status, reason in words, who and size in human units', async () => {
    renderPanel('viewer');
    const rows = within(await table()).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('Complete');
    expect(rows[1]?.textContent).toContain('Taken by hand');
    expect(rows[1]?.textContent).toContain('olga');
    expect(rows[1]?.textContent).toContain('1.5 MB');
    expect(rows[2]?.textContent).toContain('Failed');
    expect(rows[2]?.textContent).toContain('Before the store was deleted');
    expect(rows[2]?.textContent).toContain('Access denied');
    // Viewers see the list, no action.
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says when backups are not configured, without asking for the list', async () => {
    const api = new FakeApi().install().reply('GET', '/data-policy', dataPolicySchema, policy(false));
    renderWithApi(<BackupsPanel store={shop} role="admin" />);
    const note = await screen.findByTestId('backups-not-configured');
    expect(note.textContent).toContain('not configured');
    expect(note.textContent).toContain('backups.s3');
    expect(screen.queryByRole('button', { name: 'Back up now' })).toBeNull();
    expect(api.requestsTo('GET', '/stores/corner-shop/backups')).toHaveLength(0);
  });

  it('says it in the API words when the list answers 503 all the same', async () => {
    new FakeApi()
      .install()
      .reply('GET', '/data-policy', dataPolicySchema, policy(true))
      .fail('GET', '/stores/corner-shop/backups', 503, {
        code: 'backups_not_configured',
        message: 'the platform has no backup storage (backups.s3 in the chart)',
      });
    renderWithApi(<BackupsPanel store={shop} role="admin" />);
    const note = await screen.findByTestId('backups-not-configured');
    expect(note.textContent).toContain('backups.s3 in the chart');
  });

  it('takes a backup now (operator)', async () => {
    const api = renderPanel('operator', []);
    api.reply(
      'POST',
      '/stores/corner-shop/backups',
      storeSchema,
      { ...shop, operation: anOperation({ kind: 'backup', phase: 'queued', finishedAt: null }) },
      202,
    );
    expect(await screen.findByText(/No backups yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    await waitFor(() => expect(api.requestsTo('POST', '/stores/corner-shop/backups')).toHaveLength(1));
    // The list is asked again after the backup is queued.
    await waitFor(() =>
      expect(api.requestsTo('GET', '/stores/corner-shop/backups').length).toBeGreaterThan(1),
    );
  });

  it('restores a complete backup after saying what happens, with If-Match', async () => {
    const api = renderPanel('operator');
    api.reply('POST', '/stores/corner-shop/restore', storeSchema, shop, 202);
    await table();
    // Only a complete backup can be restored; operators do not delete.
    expect(screen.getAllByRole('button', { name: /^Restore/ })).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Restore/ }));
    const dialog = screen.getByRole('dialog', { name: 'Restore corner-shop?' });
    expect(dialog.textContent).toContain('safety backup');
    expect(dialog.textContent).toContain('The app stops for a moment');
    expect(dialog.textContent).toContain('put back as it was before');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(api.requestsTo('POST', '/stores/corner-shop/restore')).toHaveLength(1));
    const [request] = api.requestsTo('POST', '/stores/corner-shop/restore');
    expect(request?.headers['if-match']).toBe('"4"');
    expect(request?.body).toEqual({ backup: complete.id });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows a refused restore in its dialog', async () => {
    const api = renderPanel('operator');
    api.fail('POST', '/stores/corner-shop/restore', 409, {
      code: 'version_conflict',
      message: 'corner-shop changed since you loaded it',
    });
    await table();
    fireEvent.click(screen.getByRole('button', { name: /^Restore/ }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Restore' }));
    expect((await screen.findByRole('alert')).textContent).toBe('corner-shop changed since you loaded it');
  });

  it('deletes a backup after a confirmation (admin)', async () => {
    const api = renderPanel('admin');
    api.replyText('DELETE', `/stores/corner-shop/backups/${failed.id}`, 204, '');
    await table();
    const deletes = screen.getAllByRole('button', { name: /^Delete the backup/ });
    expect(deletes).toHaveLength(2);
    fireEvent.click(deletes[1] as HTMLElement);
    const dialog = screen.getByRole('dialog', { name: 'Delete this backup?' });
    expect(dialog.textContent).toContain('the store itself is not touched');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete backup' }));
    await waitFor(() =>
      expect(api.requestsTo('DELETE', `/stores/corner-shop/backups/${failed.id}`)).toHaveLength(1),
    );
  });

  it('makes a new store from a backup under a name the user checks', async () => {
    const api = renderPanel('operator');
    api.reply('POST', '/stores', storeSchema, aStore({ name: 'corner-copy', status: 'provisioning' }), 202);
    await table();
    fireEvent.click(screen.getByRole('button', { name: /^New store from this backup/ }));
    const dialog = screen.getByRole('dialog', { name: 'New store from this backup' });
    const name = within(dialog).getByLabelText("New store's name") as HTMLInputElement;
    expect(name.value).toBe('corner-shop-copy');
    fireEvent.change(name, { target: { value: 'Corner Copy' } });
    const create = within(dialog).getByRole('button', { name: 'Create store' }) as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'corner-copy' } });
    fireEvent.click(create);
    await waitFor(() => expect(api.requestsTo('POST', '/stores')).toHaveLength(1));
    expect(api.requestsTo('POST', '/stores')[0]?.body).toEqual({
      name: 'corner-copy',
      engine: 'woocommerce',
      plan: 'basic',
      fromBackup: complete.id,
    });
  });
});
