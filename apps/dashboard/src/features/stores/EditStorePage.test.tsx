// @vitest-environment jsdom
import {
  engineListSchema,
  storeSchema,
  updatePreviewSchema,
  type EngineView,
} from '@store-platform/contracts';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { anOperation, aPreview, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { EditStorePage } from './EditStorePage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const store = aStore({ name: 'corner-shop', plan: 'basic', version: 3, settings: { title: 'Corner Shop' } });
const woocommerce = (versions: string[]): EngineView => ({
  id: 'woocommerce',
  title: 'WooCommerce',
  description: 'WordPress',
  availability: 'available',
  versions,
});
const preview = aPreview({
  version: 3,
  values: [
    { field: 'plan', from: 'basic', to: 'standard' },
    { field: 'replicas', from: null, to: 1 },
  ],
  manifests: [
    { kind: 'ResourceQuota', name: 'store-quota', change: 'changed', diff: '-cpu: 1500m\n+cpu: "4"\n' },
  ],
});

function renderEdit(versions: string[] = []) {
  const api = new FakeApi()
    .install()
    .reply('GET', '/stores/corner-shop', storeSchema, store)
    .reply('GET', '/engines', engineListSchema, {
      items: [woocommerce(versions)],
      baseDomain: 'example.test',
    })
    .reply('POST', '/stores/corner-shop/preview', updatePreviewSchema, preview);
  renderWithApi(
    <Routes>
      <Route path="/stores/:name/edit" element={<EditStorePage />} />
      <Route path="/stores/:name" element={<h1>The store page</h1>} />
    </Routes>,
    { path: '/stores/corner-shop/edit' },
  );
  return api;
}

/** Standard plan with one replica, previewed. */
async function previewStandard() {
  fireEvent.click(await screen.findByLabelText(/Standard/));
  fireEvent.change(screen.getByLabelText('App replicas'), { target: { value: '1' } });
  fireEvent.click(screen.getByRole('button', { name: 'Preview changes' }));
  await screen.findByRole('table', { name: 'Values that change' });
}

describe('EditStorePage', () => {
  it('previews only what changed, asks for confirmation, and applies exactly the preview (If-Match)', async () => {
    const api = renderEdit().reply(
      'PATCH',
      '/stores/corner-shop',
      storeSchema,
      {
        ...store,
        status: 'updating',
        version: 4,
        operation: anOperation({ kind: 'update', phase: 'queued' }),
      },
      202,
    );
    await previewStandard();
    expect(api.requestsTo('POST', '/stores/corner-shop/preview')[0]?.body).toEqual({
      plan: 'standard',
      replicas: 1,
    });
    expect(screen.getByText(/Changed: ResourceQuota store-quota/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const dialog = screen.getByRole('dialog', { name: 'Apply these changes to corner-shop?' });
    expect(dialog.textContent).toContain('rolled back to the current revision by itself');
    expect(api.requestsTo('PATCH', '/stores/corner-shop')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await screen.findByRole('heading', { name: 'The store page' });
    const [patch] = api.requestsTo('PATCH', '/stores/corner-shop');
    expect(patch?.headers['if-match']).toBe('"3"');
    expect(patch?.body).toEqual({ plan: 'standard', replicas: 1 });
  });

  it('says the store changed meanwhile (409) and previews again on request', async () => {
    const api = renderEdit().fail('PATCH', '/stores/corner-shop', 409, {
      code: 'version_mismatch',
      message: 'the store changed since version 3',
    });
    await previewStandard();
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Apply' }));
    const alert = await screen.findByText(/corner-shop changed since this preview/);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    api.reply('POST', '/stores/corner-shop/preview', updatePreviewSchema, { ...preview, version: 5 });
    fireEvent.click(
      within(alert.closest('[role="alert"]') as HTMLElement).getByRole('button', { name: 'Preview again' }),
    );
    await vi.waitFor(() => expect(api.requestsTo('POST', '/stores/corner-shop/preview')).toHaveLength(2));
    expect(api.requestsTo('POST', '/stores/corner-shop/preview')[1]?.body).toEqual({
      plan: 'standard',
      replicas: 1,
    });
    await vi.waitFor(() =>
      expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(false),
    );
    expect(screen.queryByText(/changed since this preview/)).toBeNull();
  });

  it("shows the API's refusal of a preview in its words", async () => {
    renderEdit().fail('POST', '/stores/corner-shop/preview', 422, {
      code: 'shared_storage_required',
      message: 'more than one app replica needs shared uploads: no ReadWriteMany storage class is configured',
    });
    fireEvent.change(await screen.findByLabelText('App replicas'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The platform refused this change: more than one app replica needs shared uploads: no ReadWriteMany storage class is configured',
    );
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
  });

  it('checks the form before asking the API, and offers engine versions only when there are some', async () => {
    const api = renderEdit(['6.8', '6.9']);
    fireEvent.click(await screen.findByRole('button', { name: 'Preview changes' }));
    expect(screen.getByRole('alert').textContent).toBe('Change at least one setting first.');
    fireEvent.change(screen.getByLabelText('Admin e-mail'), { target: { value: 'not-an-address' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview changes' }));
    expect(screen.getByRole('alert').textContent).toBe('An e-mail address, such as owner@example.com.');
    expect(screen.getByLabelText('Admin e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(api.requestsTo('POST', '/stores/corner-shop/preview')).toHaveLength(0);
    const version = await screen.findByLabelText('Engine version');
    expect([...(version as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'Keep the default',
      '6.8',
      '6.9',
    ]);
    cleanup();
    renderEdit([]);
    await screen.findByLabelText('Admin e-mail');
    expect(screen.queryByLabelText('Engine version')).toBeNull();
  });
});
