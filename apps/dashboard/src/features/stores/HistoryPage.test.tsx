// @vitest-environment jsdom
import { revisionListSchema, storeSchema, type Role } from '@store-platform/contracts';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { anOperation, aRevision, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { HistoryPage } from './HistoryPage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const store = aStore({ name: 'corner-shop', plan: 'standard', version: 6 });
const revisions = [
  aRevision({
    revision: 2,
    description: 'Upgrade complete',
    actor: 'olga',
    changes: [{ field: 'plan', from: 'basic', to: 'standard' }],
  }),
  aRevision({ revision: 1, status: 'superseded', description: 'Install complete', actor: null }),
];

function renderHistory(role: Role) {
  const api = new FakeApi()
    .install()
    .reply('GET', '/stores/corner-shop', storeSchema, store)
    .reply('GET', '/stores/corner-shop/revisions', revisionListSchema, { items: revisions });
  renderWithApi(
    <Routes>
      <Route path="/stores/:name/history" element={<HistoryPage role={role} />} />
      <Route path="/stores/:name" element={<h1>The store page</h1>} />
    </Routes>,
    { path: '/stores/corner-shop/history' },
  );
  return api;
}

const rowOf = async (revision: number) => {
  const table = await screen.findByRole('table', { name: 'Revisions' });
  return table.querySelector(`tr[data-revision="${revision}"]`) as HTMLTableRowElement;
};

describe('HistoryPage', () => {
  it('lists the revisions newest first: when, status, who and what changed', async () => {
    renderHistory('viewer');
    const newest = await rowOf(2);
    expect(newest.textContent).toContain('2 (current)');
    expect(newest.textContent).toContain('olga');
    expect(newest.textContent).toContain('Plan: Basic → Standard');
    const first = await rowOf(1);
    expect(first.textContent).toContain('superseded');
    expect(first.textContent).toContain('Outside the platform');
    expect(first.textContent).toContain('Not recorded');
    // A viewer may look, not roll back.
    expect(screen.queryByRole('button', { name: /Roll back/ })).toBeNull();
  });

  it('rolls back only once the store name is typed, against the version seen, then opens the store', async () => {
    const api = renderHistory('operator').reply(
      'POST',
      '/stores/corner-shop/rollback',
      storeSchema,
      {
        ...store,
        status: 'updating',
        version: 7,
        operation: anOperation({ kind: 'rollback', phase: 'queued' }),
      },
      202,
    );
    expect(within(await rowOf(2)).queryByRole('button')).toBeNull();
    fireEvent.click(within(await rowOf(1)).getByRole('button', { name: 'Roll back to revision 1' }));
    const dialog = screen.getByRole('dialog', { name: 'Roll back corner-shop to revision 1?' });
    expect(dialog.textContent).toContain('(Install complete)');
    const confirm = within(dialog).getByRole('button', { name: 'Roll back' }) as HTMLButtonElement;
    const typed = within(dialog).getByLabelText("Type the store's name to confirm");
    fireEvent.change(typed, { target: { value: 'corner' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.submit(typed.closest('form') as HTMLFormElement);
    expect(api.requestsTo('POST', '/stores/corner-shop/rollback')).toHaveLength(0);
    fireEvent.change(typed, { target: { value: 'corner-shop' } });
    fireEvent.click(confirm);
    await screen.findByRole('heading', { name: 'The store page' });
    const [rollback] = api.requestsTo('POST', '/stores/corner-shop/rollback');
    expect(rollback?.body).toEqual({ revision: 1 });
    expect(rollback?.headers['if-match']).toBe('"6"');
  });

  it("shows the API's refusal in the dialog", async () => {
    renderHistory('admin').fail('POST', '/stores/corner-shop/rollback', 409, {
      code: 'version_mismatch',
      message: 'the store changed since you loaded it',
    });
    fireEvent.click(within(await rowOf(1)).getByRole('button', { name: 'Roll back to revision 1' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText("Type the store's name to confirm"), {
      target: { value: 'corner-shop' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'the store changed since you loaded it',
    );
  });
});
