// @vitest-environment jsdom
import { storeSchema, type OperationView } from '@store-platform/contracts';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { anOperation, aStep, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { deadlineText, OperationProgress } from './OperationProgress.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const inSevenMinutes = () => new Date(Date.now() + 7 * 60_000 + 5_000).toISOString();
const installing = (overrides: Partial<OperationView> = {}) =>
  anOperation({
    phase: 'running',
    finishedAt: null,
    steps: [
      aStep({ name: 'preflight', title: 'Pre-flight checks', status: 'done', message: 'capacity fine' }),
      aStep({
        name: 'install',
        title: 'Install store (Helm)',
        status: 'running',
        startedAt: new Date().toISOString(),
        events: ['App pod cannot pull its image', 'Database pod cannot be scheduled: not enough CPU (x3)'],
        deadline: inSevenMinutes(),
      }),
    ],
    ...overrides,
  });

describe('OperationProgress', () => {
  it('shows the running step’s pod events, newest last, and when it gives up', () => {
    renderWithApi(<OperationProgress operation={installing()} />);
    const why = screen.getByRole('list', { name: 'Why Install store (Helm) waits' });
    expect(
      within(why)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['App pod cannot pull its image', 'Database pod cannot be scheduled: not enough CPU (x3)']);
    expect(screen.getByText(/^Gives up at /).textContent).toMatch(/^Gives up at .+ \(in 7 minutes\)$/);
  });

  it('says a deadline in clock time and from now', () => {
    const now = Date.parse('2026-12-03T10:38:00Z');
    expect(deadlineText('2026-12-03T10:42:00Z', now)).toMatch(/^Gives up at .+ \(in 4 minutes\)$/);
  });

  it('cancels after a confirmation, then says who asked', async () => {
    const asked = installing({ cancelRequestedBy: 'admin' });
    const api = new FakeApi()
      .install()
      .reply(
        'POST',
        '/stores/corner-shop/cancel',
        storeSchema,
        aStore({ name: 'corner-shop', status: 'provisioning', operation: asked }),
        202,
      );
    renderWithApi(<OperationProgress operation={installing()} canCancel />);
    expect(screen.getByText(/Delete is unavailable while this create runs/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel create' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel the create of corner-shop?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop and clean up' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.requestsTo('POST', '/stores/corner-shop/cancel')).toHaveLength(1);

    // The stream then brings the operation naming who asked.
    cleanup();
    renderWithApi(<OperationProgress operation={asked} canCancel />);
    expect(screen.queryByRole('button', { name: 'Cancel create' })).toBeNull();
    expect(screen.getByText(/admin asked to stop this create/)).toBeTruthy();
  });

  it('shows the API’s refusal in the dialog', async () => {
    new FakeApi().install().fail('POST', '/stores/corner-shop/cancel', 409, {
      code: 'conflict',
      message: 'nothing runs on store "corner-shop": there is nothing to cancel',
    });
    renderWithApi(<OperationProgress operation={installing()} canCancel />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel create' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop and clean up' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'nothing runs on store "corner-shop": there is nothing to cancel',
    );
  });

  it.each<[string, OperationView, boolean]>([
    ['a viewer', installing(), false],
    ['a delete', installing({ kind: 'delete' }), true],
    ['an ended create', installing({ phase: 'failed' }), true],
  ])('offers no Cancel to %s', (_, operation, canCancel) => {
    renderWithApi(<OperationProgress operation={operation} canCancel={canCancel} />);
    expect(screen.queryByRole('button', { name: /^Cancel/ })).toBeNull();
  });

  it('headlines a cancelled operation with who cancelled it', () => {
    const cancelled = installing({
      phase: 'failed',
      error: {
        step: 'install',
        message: 'x',
        evidence: [],
        headline: 'Cancelled by admin',
        cause: 'cancelled',
      },
    });
    renderWithApi(<OperationProgress operation={cancelled} />);
    expect(screen.getByText('Cancelled by admin')).toBeTruthy();
  });
});
