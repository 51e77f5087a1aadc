import { describe, expect, it } from 'vitest';

import { storeNameProblem } from './store-name.js';

describe('storeNameProblem', () => {
  it.each(['abc', 'my-store', 'shop42', 'a'.repeat(40)])('accepts %s', (name) => {
    expect(storeNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['ab', 'must be 3 to 40 characters long (got 2)'],
    ['a'.repeat(41), 'must be 3 to 40 characters long (got 41)'],
    ['My-Store', 'may contain only lower-case letters'],
    ['-store', 'must start and end with a letter or digit'],
    ['store-', 'must start and end with a letter or digit'],
    ['my_store', 'may contain only lower-case letters'],
    ['dashboard', '"dashboard" is reserved by the platform'],
    ['www', '"www" is reserved by the platform'],
  ])('rejects %s: %s', (name, reason) => {
    expect(storeNameProblem(name)).toContain(reason);
  });
});
