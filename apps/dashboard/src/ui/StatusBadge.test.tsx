// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { StatusBadge } from './StatusBadge.js';

afterEach(cleanup);

describe('StatusBadge', () => {
  it.each([
    ['provisioning', 'Provisioning'],
    ['running', 'Running'],
    ['failed', 'Failed'],
    ['deleting', 'Deleting'],
  ] as const)('shows %s as "%s" in words, not only in color', (status, label) => {
    const { container } = render(<StatusBadge status={status} />);
    expect(container.textContent).toBe(label);
    // Not a live region: a list of stores would hold dozens of them.
    expect(container.querySelector('[role], [aria-live]')).toBeNull();
  });

  it('marks each status for its own colors in theme.css', () => {
    const { container } = render(
      <>
        <StatusBadge status="failed" />
        <StatusBadge status="running" />
      </>,
    );
    const marks = [...container.querySelectorAll('.status-badge')].map((b) => b.getAttribute('data-status'));
    expect(marks).toEqual(['failed', 'running']);
  });
});
