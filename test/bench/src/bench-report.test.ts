import { describe, expect, it } from 'vitest';

import { begin, end, spliceGenerated } from './bench-report.js';
import { atMost } from './scenarios/scenario.js';
import { markdownTable, percentile } from './bench-stats.js';

describe('docs/benchmarks.md generated part', () => {
  const generated = `${begin}\nnew tables\n${end}`;

  it('replaces only what is between the markers, keeping the prose around them', () => {
    const current = `# Benchmarks\n\nWhy the queue waits.\n\n${begin}\nold tables\n${end}\n\n## Notes\nkept\n`;
    expect(spliceGenerated(current, generated)).toBe(
      `# Benchmarks\n\nWhy the queue waits.\n\n${begin}\nnew tables\n${end}\n\n## Notes\nkept\n`,
    );
  });

  it('appends the generated part to a file without markers', () => {
    expect(spliceGenerated('# Benchmarks\n\nProse.\n', generated)).toBe(
      `# Benchmarks\n\nProse.\n\n${generated}\n`,
    );
  });
});

describe('bench figures', () => {
  it('interpolates percentiles between ranks', () => {
    expect(percentile([4, 1, 3, 2, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5], 95)).toBeCloseTo(4.8);
    expect(percentile([], 50)).toBeNaN();
  });

  it('says by how much a target is missed', () => {
    const missed = atMost('overhead', 'median ratio', 1.18, 1.15, (v) => v.toFixed(2));
    expect(missed).toMatchObject({
      met: false,
      target: '<= 1.15',
      measured: '1.18',
      miss: '+0.03 (3% over)',
    });
    expect(atMost('api', 'p99', 50, 50, String, true).met).toBe(false);
    expect(atMost('api', 'p99', 49, 50, String, true)).toMatchObject({ met: true, miss: '' });
  });

  it('escapes pipes in Markdown cells', () => {
    expect(markdownTable({ title: 'T', headers: ['a'], rows: [['x|y']] })).toContain('| x\\|y |');
  });
});
