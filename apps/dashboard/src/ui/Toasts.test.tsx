// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { announce, clearToasts, toast, ToastRegion, toastShownMs } from './Toasts.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  act(() => clearToasts());
  cleanup();
  vi.useRealTimers();
});

const region = () =>
  render(
    <MemoryRouter>
      <ToastRegion />
    </MemoryRouter>,
  );

describe('toasts', () => {
  it('speak in one polite live region, with their link, and go after a while', () => {
    region();
    const live = screen.getByRole('status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    act(() =>
      toast({
        text: 'acme-shop is running',
        action: { label: 'Open storefront', href: 'https://acme.test' },
      }),
    );
    act(() => toast({ text: 'alpha-shop deleted in 7 s' }));
    expect(live.textContent).toContain('acme-shop is running: Open storefront');
    expect(screen.getByRole('link', { name: 'Open storefront' }).getAttribute('href')).toBe(
      'https://acme.test',
    );
    expect(screen.getAllByRole('status')).toHaveLength(1);
    act(() => vi.advanceTimersByTime(toastShownMs));
    expect(live.textContent).toBe('');
  });

  it('stay while the pointer or the focus is on them, and can be dismissed', () => {
    region();
    act(() =>
      toast({
        text: 'acme-shop failed: not enough CPU',
        action: { label: 'See why', href: '/stores/acme-shop' },
      }),
    );
    const item = screen.getByText(/acme-shop failed/).closest('.toast') as HTMLElement;
    fireEvent.mouseEnter(item);
    act(() => vi.advanceTimersByTime(toastShownMs * 3));
    expect(screen.getByRole('status').textContent).toContain('acme-shop failed');
    fireEvent.mouseLeave(item);
    fireEvent.focus(screen.getByRole('link', { name: 'See why' }));
    act(() => vi.advanceTimersByTime(toastShownMs * 3));
    expect(screen.getByRole('status').textContent).toContain('acme-shop failed');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('reads out an announcement in the same region, with no toast shown, and clears it after a while', () => {
    region();
    act(() => announce('Live updates lost at 10:40:33 AM, reconnecting…'));
    const live = screen.getByRole('status');
    expect(live.textContent).toBe('Live updates lost at 10:40:33 AM, reconnecting…');
    expect(live.querySelectorAll('.toast')).toHaveLength(0);
    act(() => vi.advanceTimersByTime(toastShownMs));
    expect(live.textContent).toBe('');
  });
});
