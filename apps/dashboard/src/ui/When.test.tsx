// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { freezeTimes, tickMs, When, whenText } from './When.js';

describe('When', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 11, 3, 4, 30, 20));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows relative and absolute time, and ticks every 30 s without anything else redrawing', () => {
    const iso = new Date(2026, 11, 3, 4, 24, 0).toISOString();
    render(<When iso={iso} />);
    const time = screen.getByText(/ago/);
    expect(time.textContent).toBe(whenText(iso));
    expect(time.textContent).toMatch(/^6 minutes ago · .*4:24/);
    act(() => vi.advanceTimersByTime(tickMs));
    expect(time.textContent).toMatch(/^7 minutes ago · /);
    act(() => vi.advanceTimersByTime(2 * tickMs));
    expect(time.textContent).toMatch(/^8 minutes ago · /);
  });

  it('names the day of a moment before today', () => {
    const iso = new Date(2026, 11, 1, 4, 24, 0).toISOString();
    expect(whenText(iso)).toMatch(/^2 days ago · Dec 1, 2026/);
  });
});

describe('freezeTimes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 11, 3, 4, 30, 20));
  });
  afterEach(() => {
    freezeTimes(false);
    cleanup();
    vi.useRealTimers();
  });

  it('stops every time while frozen and brings them up to now when it restarts', () => {
    const iso = new Date(2026, 11, 3, 4, 24, 0).toISOString();
    render(<When iso={iso} />);
    const time = screen.getByText(/ago/);
    act(() => freezeTimes(true));
    act(() => vi.advanceTimersByTime(4 * tickMs));
    expect(time.textContent).toMatch(/^6 minutes ago · /);
    act(() => freezeTimes(false));
    expect(time.textContent).toMatch(/^8 minutes ago · /);
  });
});
