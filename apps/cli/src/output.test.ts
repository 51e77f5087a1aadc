import { describe, expect, it } from 'vitest';

import { exitCodeOf } from './exit-codes.js';
import { age, table } from './output.js';

describe('table', () => {
  it('aligns columns under capital headers, with - for what is missing and no trailing spaces', () => {
    expect(
      table(
        ['name', 'status', 'health'],
        [
          ['shop', 'running', 'healthy'],
          ['a-much-longer-name', 'failed', null],
        ],
      ),
    ).toBe(
      [
        'NAME                STATUS   HEALTH',
        'shop                running  healthy',
        'a-much-longer-name  failed   -',
      ].join('\n'),
    );
  });
});

describe('age', () => {
  it('says seconds, minutes, hours or days, as kubectl does', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(age('2026-12-04T11:59:30Z', now)).toBe('30s');
    expect(age('2026-12-04T11:30:00Z', now)).toBe('30m');
    expect(age('2026-12-04T06:00:00Z', now)).toBe('6h');
    expect(age('2026-11-30T12:00:00Z', now)).toBe('4d');
    expect(age(null, now)).toBe('-');
  });
});

describe('exitCodeOf', () => {
  it('maps the API refusals to the exit codes scripts rely on', () => {
    expect([400, 401, 403, 404, 409, 412, 422, 428, 429, 500, 503].map(exitCodeOf)).toEqual([
      2, 1, 1, 3, 4, 4, 2, 4, 1, 1, 1,
    ]);
  });
});
