// @vitest-environment jsdom
import { activityPageSchema, storeSchema, type StoreView } from '@store-platform/contracts';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { aHealth, anOperation, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { HealthPanel } from './HealthPanel.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const healthHistory = '/activity?store=corner-shop&action=health&pageSize=10';
const change = (at: string, detail: string) => ({
  at,
  actor: 'platform',
  action: 'health',
  store: 'corner-shop',
  result: 'succeeded' as const,
  durationMs: null,
  detail,
});

function renderPanel(store: StoreView, canOperate = true) {
  const api = new FakeApi().install().reply('GET', healthHistory, activityPageSchema, {
    items: [
      change(
        '2026-01-01T09:58:00.000Z',
        'health: healthy -> down: namespace_missing namespace store-corner-shop is gone',
      ),
      change('2026-01-01T09:00:00.000Z', 'health: unknown -> healthy'),
    ],
    page: 1,
    pageSize: 10,
    total: 2,
  });
  renderWithApi(<HealthPanel store={store} canOperate={canOperate} />);
  return api;
}

describe('HealthPanel', () => {
  it('shows the state, every reason with its code, when it was checked, and the changes of health', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T10:02:00.000Z'), toFake: ['Date'] });
    const api = renderPanel(
      aStore({
        name: 'corner-shop',
        health: aHealth('degraded', [
          { code: 'app_not_ready', message: '1 of 2 app pods not ready: CrashLoopBackOff' },
          { code: 'quota_near_limit', message: 'memory 92% of the namespace quota' },
        ]),
      }),
    );
    const panel = screen.getByRole('region', { name: 'Health' });
    expect(panel.textContent).toContain('Health: ! Degraded');
    const reasons = within(panel).getByRole('list', { name: 'Reasons' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'app_not_ready 1 of 2 app pods not ready: CrashLoopBackOff',
      'quota_near_limit memory 92% of the namespace quota',
    ]);
    const checked = panel.querySelector('time');
    expect(checked?.getAttribute('dateTime')).toBe('2026-01-01T10:00:00.000Z');
    expect(checked?.textContent).toMatch(/^2 minutes ago · \S+/);
    const changes = await screen.findByRole('list', { name: 'Changes of health' });
    expect(changes.textContent).toContain(
      'healthy -> down: namespace_missing namespace store-corner-shop is gone',
    );
    expect(changes.textContent).toContain('unknown -> healthy');
    expect(api.requestsTo('GET', '/activity')[0]?.path).toBe(healthHistory);
  });

  it('says when a running store was not checked yet', async () => {
    renderPanel(aStore({ name: 'corner-shop', health: null }));
    expect(screen.getByRole('region', { name: 'Health' }).textContent).toContain('Not checked yet');
    await screen.findByRole('list', { name: 'Changes of health' });
  });

  it('repairs a drifted store in one click, with the version seen, and shows its operation', async () => {
    const down = aStore({
      name: 'corner-shop',
      version: 4,
      health: aHealth('down', [
        { code: 'namespace_missing', message: 'namespace store-corner-shop is gone' },
      ]),
    });
    const api = renderPanel(down).reply(
      'POST',
      '/stores/corner-shop/repair',
      storeSchema,
      {
        ...down,
        status: 'updating',
        version: 5,
        operation: anOperation({ kind: 'repair', phase: 'queued' }),
      },
      202,
    );
    expect(screen.getByText(/drifted from what the platform installed/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Repair' }));
    await vi.waitFor(() => expect(api.requestsTo('POST', '/stores/corner-shop/repair')).toHaveLength(1));
    expect(api.requestsTo('POST', '/stores/corner-shop/repair')[0]?.headers['if-match']).toBe('"4"');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks first before repairing a store whose health shows no drift, and shows a refusal', async () => {
    const api = renderPanel(aStore({ name: 'corner-shop', health: aHealth('healthy') })).fail(
      'POST',
      '/stores/corner-shop/repair',
      409,
      { code: 'conflict', message: 'the store changed since you loaded it' },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Repair' }));
    const dialog = screen.getByRole('dialog', { name: 'Repair corner-shop?' });
    expect(dialog.textContent).toContain('its data is kept');
    expect(api.requestsTo('POST', '/stores/corner-shop/repair')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Repair' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'the store changed since you loaded it',
    );
  });

  it('starts no second repair while one runs', async () => {
    renderPanel(
      aStore({
        name: 'corner-shop',
        health: aHealth('down', [
          { code: 'namespace_missing', message: 'namespace store-corner-shop is gone' },
        ]),
        operation: anOperation({ kind: 'repair', phase: 'running', finishedAt: null }),
      }),
    );
    const button = screen.getByRole('button', { name: 'Repairing…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await screen.findByRole('list', { name: 'Changes of health' });
  });

  it('offers no Repair to a viewer', async () => {
    renderPanel(
      aStore({
        name: 'corner-shop',
        health: aHealth('down', [{ code: 'release_failed', message: 'release corner-shop is failed' }]),
      }),
      false,
    );
    await screen.findByRole('list', { name: 'Changes of health' });
    expect(screen.queryByRole('button', { name: 'Repair' })).toBeNull();
    expect(screen.queryByText(/drifted/)).toBeNull();
  });
});
