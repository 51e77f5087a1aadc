import { describe, expect, it } from 'vitest';

import { isConnectionLoss } from './pool.js';

describe('isConnectionLoss', () => {
  it('recognises a refused connection, a server shutting down and a dropped connection', () => {
    expect(isConnectionLoss(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isConnectionLoss(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isConnectionLoss(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not excuse a wrong statement or a bug', () => {
    expect(isConnectionLoss(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isConnectionLoss(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isConnectionLoss(undefined)).toBe(false);
  });
});
