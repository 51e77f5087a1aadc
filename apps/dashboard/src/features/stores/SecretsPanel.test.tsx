// @vitest-environment jsdom
import { secretVersionListSchema, storeSchema } from '@store-platform/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { anOperation, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { SecretsPanel } from './SecretsPanel.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const at = '2026-01-02T10:00:00.000Z';
const versions = [
  { version: 2, what: 'database', createdAt: at, createdBy: 'olga', current: true },
  { version: 1, what: null, createdAt: at, createdBy: 'admin', current: false },
] as const;

function renderPanel(canOperate: boolean, store = aStore({ name: 'corner-shop', version: 4 })) {
  const api = new FakeApi()
    .install()
    .reply('GET', '/stores/corner-shop/secret-versions', secretVersionListSchema, { items: [...versions] })
    .reply(
      'POST',
      '/stores/corner-shop/rotate-secrets',
      storeSchema,
      { ...store, status: 'updating', operation: anOperation({ kind: 'rotate-secrets', phase: 'queued' }) },
      202,
    );
  renderWithApi(<SecretsPanel store={store} canOperate={canOperate} />);
  return api;
}

describe('SecretsPanel', () => {
  it('lists the versions with what changed, who and which is current, never a value', async () => {
    renderPanel(false);
    const table = await screen.findByRole('table', { name: 'Secret versions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-version'))).toEqual(['2', '1']);
    expect(rows[0]?.textContent).toContain('2 (current)');
    expect(rows[0]?.textContent).toContain('Database password');
    expect(rows[0]?.textContent).toContain('olga');
    expect(rows[1]?.textContent).toContain('First credentials');
    // A viewer may look, not rotate.
    expect(screen.queryByRole('button', { name: /Rotate/ })).toBeNull();
  });

  it('says that rotating the salts signs everyone out, then rotates against the version seen', async () => {
    const api = renderPanel(true);
    fireEvent.click(await screen.findByRole('button', { name: /Rotate sign-in salts/ }));
    const dialog = screen.getByRole('dialog', { name: /Rotate the sign-in salts/ });
    expect(dialog.textContent).toContain('is signed out and must sign in again');
    expect(api.requestsTo('POST', '/stores/corner-shop/rotate-secrets')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    await waitFor(() => expect(api.requestsTo('POST', '/stores/corner-shop/rotate-secrets')).toHaveLength(1));
    const [request] = api.requestsTo('POST', '/stores/corner-shop/rotate-secrets');
    expect(request?.body).toEqual({ what: 'salts' });
    expect(request?.headers['if-match']).toBe('"4"');
  });

  it('offers a Medusa store only its salts', async () => {
    renderPanel(true, aStore({ name: 'corner-shop', engine: 'medusa' }));
    await screen.findByRole('table', { name: 'Secret versions' });
    const buttons = screen.getAllByRole('button', { name: /Rotate/ }).map((b) => b.textContent);
    expect(buttons).toEqual(['Rotate sign-in salts (signs everyone out)']);
  });
});
