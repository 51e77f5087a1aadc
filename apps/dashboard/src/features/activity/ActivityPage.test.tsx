// @vitest-environment jsdom
import { activityPageSchema, storeListSchema, type ActivityEntryView } from '@store-platform/contracts';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { ActivityPage } from './ActivityPage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const entry = (overrides: Partial<ActivityEntryView>): ActivityEntryView => ({
  at: '2026-01-01T10:00:00.000Z',
  actor: 'alice',
  action: 'create',
  store: 'acme-shop',
  result: 'succeeded',
  durationMs: 1200,
  detail: null,
  ...overrides,
});

function renderActivity(path: string) {
  const api = new FakeApi()
    .install()
    .reply('GET', '/stores', storeListSchema, { items: [aStore({ name: 'acme-shop', createdBy: 'bob' })] })
    .reply('GET', '/activity', activityPageSchema, {
      items: [
        entry({ action: 'reveal-credentials', actor: 'carol' }),
        entry({ action: 'user-create', store: null, detail: 'dave' }),
        entry({ action: 'some-new-action' }),
      ],
      page: 1,
      pageSize: 25,
      total: 67,
    });
  renderWithApi(<ActivityPage />, { path, route: '/activity' });
  return api;
}

describe('ActivityPage', () => {
  it('asks for partial matches of store and user, says the total and clears the filters', async () => {
    const api = renderActivity('/activity?store=ACME&actor=ali');
    expect((await screen.findByTestId('activity-total')).textContent).toBe('67 entries');
    const asked = () => api.requestsTo('GET', '/activity').map((r) => r.path);
    expect(asked()).toContain('/activity?store=ACME&actor=ali&match=partial&page=1&pageSize=25');
    expect((screen.getByLabelText('Store') as HTMLInputElement).value).toBe('ACME');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect((screen.getByLabelText('Store') as HTMLInputElement).value).toBe('');
    await vi.waitFor(() => expect(asked()).toContain('/activity?match=partial&page=1&pageSize=25'));
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('shows actions in words, links store names to their pages, and suggests known names', async () => {
    renderActivity('/activity');
    const table = await screen.findByRole('table', { name: 'Activity' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('[data-label="Action"]')?.textContent)).toEqual([
      'Revealed credentials',
      'Created user',
      // An action this build does not know keeps its id rather than showing nothing.
      'some-new-action',
    ]);
    expect(
      within(rows[0] as HTMLElement)
        .getByRole('link', { name: 'acme-shop' })
        .getAttribute('href'),
    ).toBe('/stores/acme-shop');
    expect(within(rows[1] as HTMLElement).queryByRole('link')).toBeNull();
    expect(screen.getByRole('option', { name: 'Revealed credentials' })).toBeTruthy();
    await vi.waitFor(() =>
      expect(
        [...document.querySelectorAll('#activity-user-names option')].map((o) => o.getAttribute('value')),
      ).toEqual(['alice', 'bob', 'carol']),
    );
    expect(screen.getByLabelText('User').getAttribute('list')).toBe('activity-user-names');
    expect(document.querySelector('#activity-store-names option')?.getAttribute('value')).toBe('acme-shop');
  });
});
