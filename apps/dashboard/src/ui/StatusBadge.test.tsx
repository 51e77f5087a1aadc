// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
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
    render(<StatusBadge status={status} />);
    const badge = screen.getByRole('status');
    expect(badge.textContent).toBe(label);
    expect(badge.getAttribute('aria-label')).toBe(`Status: ${label}`);
  });

  it('gives failed and running stores different colors', () => {
    render(
      <>
        <StatusBadge status="failed" />
        <StatusBadge status="running" />
      </>,
    );
    const [failed, running] = screen.getAllByRole('status');
    expect(failed?.style.background).not.toBe(running?.style.background);
  });
});
