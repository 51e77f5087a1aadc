// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { NewTokenNotice } from './NewTokenNotice.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const token = {
  id: '6f1c1d2e-0000-4000-8000-000000000000',
  name: 'ci',
  token: 'spt_secret-value',
  role: 'viewer' as const,
  createdAt: '2025-01-01T00:00:00.000Z',
  expiresAt: '2025-04-01T00:00:00.000Z',
};
const clipboard = (writeText: (text: string) => Promise<void>) =>
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });

describe('NewTokenNotice', () => {
  it('shows the token once with its role, and copies it', async () => {
    const writeText = vi.fn(async () => undefined);
    clipboard(writeText);
    const onDone = vi.fn();
    render(<NewTokenNotice token={token} onDone={onDone} />);
    expect((screen.getByLabelText('Your new token') as HTMLInputElement).value).toBe('spt_secret-value');
    expect(screen.getByText(/shown only once/).textContent).toContain('viewer');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied to the clipboard.'));
    expect(writeText).toHaveBeenCalledWith('spt_secret-value');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onDone).toHaveBeenCalled();
  });

  it('selects the token for the keyboard when the browser refuses the clipboard', async () => {
    clipboard(async () => Promise.reject(new Error('NotAllowedError')));
    render(<NewTokenNotice token={token} onDone={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('press Ctrl+C'));
    const field = screen.getByLabelText('Your new token') as HTMLInputElement;
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, token.token.length]);
  });
});
