// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { Link, MemoryRouter, Route, Routes, useSearchParams } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';

import { useFocusOnNavigate } from './use-focus-on-navigate.js';

afterEach(cleanup);

function First() {
  const [, setParams] = useSearchParams();
  return (
    <>
      <h1>Stores</h1>
      <button onClick={() => setParams({ q: 'shop' })}>Filter</button>
      <Link to="/later">Activity</Link>
    </>
  );
}

/** A page whose heading comes once its data has loaded. */
function Later() {
  const [loaded, setLoaded] = useState(false);
  return loaded ? <h1>Activity</h1> : <button onClick={() => setLoaded(true)}>Load</button>;
}

function Shell() {
  useFocusOnNavigate();
  return (
    <main>
      <Routes>
        <Route path="/" element={<First />} />
        <Route path="/later" element={<Later />} />
      </Routes>
    </main>
  );
}

describe('useFocusOnNavigate', () => {
  it('leaves focus alone on the first page and on a change of filters, and focuses the next page h1 once shown', async () => {
    render(
      <MemoryRouter>
        <Shell />
      </MemoryRouter>,
    );
    expect(document.activeElement).toBe(document.body);
    const filter = screen.getByRole('button', { name: 'Filter' });
    filter.focus();
    fireEvent.click(filter);
    expect(document.activeElement).toBe(filter);

    fireEvent.click(screen.getByRole('link', { name: 'Activity' }));
    fireEvent.click(screen.getByRole('button', { name: 'Load' }));
    const heading = await screen.findByRole('heading', { name: 'Activity' });
    await expect.poll(() => document.activeElement).toBe(heading);
    expect(heading.tabIndex).toBe(-1);
  });
});
