import { describe, expect, it } from 'vitest';

import { lockoutSeconds } from './login-backoff.js';

describe('lockoutSeconds', () => {
  const policy = { failuresToLock: 3, firstLockoutSeconds: 2, maxLockoutSeconds: 8 };

  it('locks at the set number of failures in a row, then twice as long with each further one, up to the most', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((failures) => lockoutSeconds(failures, policy))).toEqual([
      0, 0, 2, 4, 8, 8, 8,
    ]);
  });

  it('stays at the most for any number of failures', () => {
    expect(lockoutSeconds(5000, policy)).toBe(8);
    expect(lockoutSeconds(Number.MAX_SAFE_INTEGER, policy)).toBe(8);
  });

  it('never locks before the first failure', () => {
    expect(lockoutSeconds(0, policy)).toBe(0);
  });
});
