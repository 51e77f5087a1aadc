// @vitest-environment jsdom
import { storeSchema, type StoreView } from '@store-platform/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { anOperation, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { FailurePanel } from './FailurePanel.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const reason =
  'Install store (Helm) failed: context deadline exceeded. Everything created for the store was removed; retry when the cause is fixed.';
const failed = (error: Partial<NonNullable<StoreView['operation']>['error']>): StoreView =>
  aStore({
    name: 'acme-shop',
    status: 'failed',
    plan: 'standard',
    version: 7,
    reason,
    operation: anOperation({
      phase: 'failed',
      error: { step: 'install', message: reason, evidence: [], ...error },
    }),
  });

const cpuFailure = failed({
  headline: 'Database pod cannot be scheduled: not enough CPU',
  cause: 'insufficient_cpu',
  evidence: [
    'Pod acme-shop-db-0: FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu. (x4)',
    'pod acme-shop-db-0 is Pending',
  ],
  actions: [
    { kind: 'retry', label: 'Retry' },
    { kind: 'retry-with-plan', label: 'Retry with Basic', plan: 'basic' },
  ],
});

describe('FailurePanel', () => {
  it('headlines the cause, then the step’s message, lists the evidence and retries on a smaller plan', async () => {
    const api = new FakeApi()
      .install()
      .reply(
        'POST',
        '/stores/acme-shop/retry',
        storeSchema,
        { ...cpuFailure, status: 'provisioning', plan: 'basic' },
        202,
      );
    renderWithApi(<FailurePanel store={cpuFailure} canOperate alert retryElsewhere />);

    const alert = screen.getByRole('alert');
    const lines = within(alert)
      .getAllByRole('paragraph')
      .map((p) => p.textContent);
    expect(lines).toEqual(['Database pod cannot be scheduled: not enough CPU', reason]);
    const evidence = within(screen.getByRole('list', { name: 'Evidence' })).getAllByRole('listitem');
    expect(evidence.map((li) => li.textContent)).toEqual([
      'Pod acme-shop-db-0: FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu. (x4)',
      'pod acme-shop-db-0 is Pending',
    ]);
    // The page's header has Retry: not offered twice.
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Retry with Basic' }));
    await waitFor(() => expect(api.requestsTo('POST', '/stores/acme-shop/retry')).toHaveLength(1));
    const [request] = api.requestsTo('POST', '/stores/acme-shop/retry');
    expect(request?.body).toEqual({ plan: 'basic' });
    expect(request?.headers['if-match']).toBe('"7"');
  });

  it('offers Retry itself where the page does not, and is no alert there', () => {
    new FakeApi().install();
    const onRetry = vi.fn();
    renderWithApi(<FailurePanel store={cpuFailure} canOperate onRetry={onRetry} />);
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('links to the wizard with the name for a name that is taken, and offers viewers no action but commands', () => {
    new FakeApi().install();
    const taken = failed({
      headline: 'The name "acme-shop" is taken: namespace store-acme-shop is not this platform’s',
      cause: 'name_taken',
      actions: [
        { kind: 'retry', label: 'Retry' },
        { kind: 'choose-another-name', label: 'Choose another name' },
      ],
    });
    renderWithApi(<FailurePanel store={taken} canOperate alert retryElsewhere />);
    expect(screen.getByRole('link', { name: 'Choose another name' }).getAttribute('href')).toBe(
      '/stores/new?name=acme-shop',
    );
    expect(screen.queryByRole('list', { name: 'Evidence' })).toBeNull();
    cleanup();
    renderWithApi(<FailurePanel store={taken} canOperate={false} alert />);
    expect(screen.queryByRole('link', { name: 'Choose another name' })).toBeNull();
  });

  it('copies a kubectl command and says so in words', async () => {
    new FakeApi().install();
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const store = failed({
      headline: 'App pod keeps crashing',
      cause: 'crash_loop',
      actions: [
        {
          kind: 'command',
          label: 'Describe the pod',
          command: 'kubectl -n store-acme-shop describe pod acme-shop-app-1',
        },
      ],
    });
    renderWithApi(<FailurePanel store={store} canOperate={false} alert />);
    expect(screen.getByText('kubectl -n store-acme-shop describe pod acme-shop-app-1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy command' }));
    await screen.findByRole('button', { name: 'Copied command' });
    expect(writeText).toHaveBeenCalledWith('kubectl -n store-acme-shop describe pod acme-shop-app-1');
  });

  it('shows only the message of a failure recorded before headlines', () => {
    new FakeApi().install();
    renderWithApi(<FailurePanel store={failed({ evidence: ['a line'] })} canOperate alert />);
    expect(
      within(screen.getByRole('alert'))
        .getAllByRole('paragraph')
        .map((p) => p.textContent),
    ).toEqual([reason]);
    expect(screen.getByLabelText('Evidence').textContent).toBe('a line');
  });
});
