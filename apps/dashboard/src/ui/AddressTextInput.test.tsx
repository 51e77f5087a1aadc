// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AddressTextInput } from './AddressTextInput.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** An address that takes its time: each written value arrives 10 ms later, as a router's navigation may. */
function LaggingAddress() {
  const [value, setValue] = useState('');
  return (
    <>
      <AddressTextInput
        aria-label="Search"
        value={value}
        onValue={(v) => setTimeout(() => setValue(v), 10)}
      />
      <button onClick={() => setValue('')}>Clear filters</button>
    </>
  );
}

describe('AddressTextInput', () => {
  it('keeps every fast keystroke while the address catches up, and follows a change it did not write', () => {
    vi.useFakeTimers();
    render(<LaggingAddress />);
    const input = screen.getByLabelText('Search') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'f' } });
    act(() => vi.advanceTimersByTime(5));
    fireEvent.change(input, { target: { value: 'fr' } });
    // The address now says "f": the field must not go back to it while "fr" is typed.
    act(() => vi.advanceTimersByTime(5));
    expect(input.value).toBe('fr');
    fireEvent.change(input, { target: { value: 'fra' } });
    act(() => vi.runAllTimers());
    expect(input.value).toBe('fra');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(input.value).toBe('');
  });
});
