import { describe, expect, it } from 'vitest';

import { parseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    [3, 3],
    ['256Mi', 256 * 2 ** 20],
    ['10Gi', 10 * 2 ** 30],
    ['1k', 1000],
  ])('reads %s', (input, expected) => {
    expect(parseQuantity(input)).toBeCloseTo(expected);
  });

  it('refuses what is not a quantity', () => {
    expect(() => parseQuantity('ten')).toThrow('not a quantity: ten');
  });
});
