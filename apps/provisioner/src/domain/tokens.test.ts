import { describe, expect, it } from 'vitest';

import { PlatformError } from './errors.js';
import type { Principal, Role } from './roles.js';
import { lowerRole } from './roles.js';
import { newTokenExpiry, newTokenRole } from './tokens.js';

const session = (role: Role): Principal => ({
  username: 'u',
  role,
  via: 'session',
  csrfToken: 'c',
  credential: 's',
});
const token = (role: Role, expiresAt = new Date('2030-01-01')): Principal => ({
  username: 'u',
  role,
  via: 'token',
  token: { id: 't', expiresAt },
  credential: 't',
});
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof PlatformError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'allowed';
};

describe('a new token’s role', () => {
  it('is the signed-in user’s role, or a narrower one they ask for, never a higher one', () => {
    expect(newTokenRole(session('operator'), undefined)).toBe('operator');
    expect(newTokenRole(session('admin'), 'viewer')).toBe('viewer');
    expect(refusal(() => newTokenRole(session('viewer'), 'operator'))).toBe(
      'forbidden: a token cannot have a role (operator) above your own role (viewer)',
    );
  });

  it('must be strictly narrower when a token makes it, so a viewer token can never mint', () => {
    expect(newTokenRole(token('admin'), 'operator')).toBe('operator');
    expect(newTokenRole(token('operator'), 'viewer')).toBe('viewer');
    expect(refusal(() => newTokenRole(token('operator'), undefined))).toMatch(
      /^forbidden: a token can only create a token with a narrower role than its own \(operator\)/,
    );
    expect(refusal(() => newTokenRole(token('admin'), 'admin'))).toContain('"viewer" or "operator"');
    expect(refusal(() => newTokenRole(token('viewer'), 'viewer'))).toContain('a viewer token cannot create');
  });

  it('is at most the owner’s current role (the lower of the two)', () => {
    expect(lowerRole('admin', 'viewer')).toBe('viewer');
    expect(lowerRole('viewer', 'admin')).toBe('viewer');
    expect(lowerRole('operator', 'operator')).toBe('operator');
  });
});

describe('a new token’s expiry', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  const limits = { defaultDays: 90, maxDays: 365 };

  it('is the default lifetime, or the one asked for up to the maximum', () => {
    expect(newTokenExpiry(now, undefined, limits).toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(newTokenExpiry(now, 365, limits).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(refusal(() => newTokenExpiry(now, 366, limits))).toBe(
      'validation_failed: invalid request: body.expiresInDays: a token may live at most 365 days on this platform (TOKEN_MAX_TTL_DAYS)',
    );
  });

  it('is no later than the token that made it', () => {
    const parent = { expiresAt: new Date('2025-01-03T00:00:00Z') };
    expect(newTokenExpiry(now, 30, limits, parent)).toEqual(parent.expiresAt);
    expect(newTokenExpiry(now, 1, limits, parent).toISOString()).toBe('2025-01-02T00:00:00.000Z');
  });
});
