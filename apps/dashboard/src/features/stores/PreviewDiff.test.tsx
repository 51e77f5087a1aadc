// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { aPreview } from '../../api/testing.js';
import { PreviewDiff } from './PreviewDiff.js';

afterEach(cleanup);

const quotaDiff = [
  '--- a/ResourceQuota/store-quota',
  '+++ b/ResourceQuota/store-quota',
  '@@ -3,4 +3,4 @@',
  ' spec:',
  '   hard:',
  '-    requests.cpu: 1500m',
  '+    requests.cpu: "4"',
  '',
].join('\n');

describe('PreviewDiff', () => {
  it('shows the values that change as a table of field, from and to', () => {
    render(
      <PreviewDiff
        preview={aPreview({
          values: [
            { field: 'plan', from: 'basic', to: 'standard' },
            { field: 'replicas', from: null, to: 1 },
            { field: 'app.resources.limits.cpu', from: '500m', to: '1' },
          ],
        })}
      />,
    );
    const table = screen.getByRole('table', { name: 'Values that change' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Plan', 'Basic', 'Standard'],
      ['App replicas', 'not set', '1'],
      ['app.resources.limits.cpu', '500m', '1'],
    ]);
  });

  it('shows each object folded, with its diff lines marked added and removed in text, and the notes', () => {
    render(
      <PreviewDiff
        preview={aPreview({
          manifests: [
            { kind: 'ResourceQuota', name: 'store-quota', change: 'changed', diff: quotaDiff },
            {
              kind: 'PodDisruptionBudget',
              name: 'corner-shop-app',
              change: 'added',
              diff: '+kind: PodDisruptionBudget\n',
            },
          ],
          notes: ['The app pods restart one at a time.'],
        })}
      />,
    );
    const quota = screen
      .getByText(/Changed: ResourceQuota store-quota/)
      .closest('details') as HTMLDetailsElement;
    expect(quota.open).toBe(false);
    expect(within(quota).getByText(/Changed: ResourceQuota/).textContent).toContain('(+1 −1 lines)');
    const removed = quota.querySelector('del');
    const added = quota.querySelector('ins');
    expect(removed?.textContent).toBe('-    requests.cpu: 1500m');
    expect(added?.textContent).toBe('+    requests.cpu: "4"');
    // File headers and hunks are neither added nor removed.
    expect(quota.querySelectorAll('ins, del')).toHaveLength(2);
    expect(screen.getByText(/Added: PodDisruptionBudget corner-shop-app/)).toBeTruthy();
    expect(screen.getByText(/lines starting with \+ are added/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Notes' }).textContent).toBe(
      'The app pods restart one at a time.',
    );
  });

  it('says when nothing would change, and takes the focus to its heading', () => {
    render(<PreviewDiff preview={aPreview()} />);
    expect(document.activeElement?.textContent).toBe('What would change');
    expect(screen.getByText(/No value changes/)).toBeTruthy();
    expect(screen.getByText('No object of the store changes.')).toBeTruthy();
  });
});
