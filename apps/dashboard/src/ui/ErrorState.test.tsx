// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ErrorState } from './ErrorState.js';

afterEach(cleanup);

/** An error as api() throws for a reply with this status. */
const replied = (status: number, message: string) => Object.assign(new Error(message), { status });

describe('ErrorState', () => {
  it('says in plain words that the platform did not answer, keeps the detail small, and retries', () => {
    const onRetry = vi.fn();
    render(<ErrorState what="The tokens" error={new TypeError('Failed to fetch')} onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The tokens could not be loaded. The platform did not answer');
    expect(screen.getByText('Detail: Failed to fetch').className).toContain('error-detail');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("says a gateway's error is the platform restarting, and keeps the API's own sentence otherwise", () => {
    render(<ErrorState what="The users" error={replied(502, 'HTTP 502')} onRetry={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toContain('it may be restarting');
    cleanup();
    render(
      <ErrorState
        what="The users"
        error={replied(403, 'Only admins see users.')}
        onRetry={() => undefined}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('could not be loaded. Only admins see users.');
    expect(screen.queryByText(/Detail:/)).toBeNull();
  });
});
