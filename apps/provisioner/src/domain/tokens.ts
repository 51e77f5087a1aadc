import { PlatformError } from './errors.js';
import { roleAllows, type Principal, type Role } from './roles.js';

const day = 86_400_000;

/**
 * The role of a new token made by `caller`: at most the caller's own, and, when the caller is itself a token,
 * strictly narrower (otherwise a leaked token could renew itself forever, and a viewer token could multiply).
 */
export function newTokenRole(caller: Principal, requested: Role | undefined): Role {
  if (caller.via === 'token') {
    if (caller.role === 'viewer') {
      throw new PlatformError(
        'forbidden',
        'a viewer token cannot create tokens: no role is narrower than viewer; sign in with your password to make one',
      );
    }
    if (!requested || roleAllows(requested, caller.role)) {
      throw new PlatformError(
        'forbidden',
        `a token can only create a token with a narrower role than its own (${caller.role}): ask for "role": "viewer"${caller.role === 'admin' ? ' or "operator"' : ''}`,
      );
    }
    return requested;
  }
  const role = requested ?? caller.role;
  if (!roleAllows(caller.role, role)) {
    throw new PlatformError(
      'forbidden',
      `a token cannot have a role (${role}) above your own role (${caller.role})`,
    );
  }
  return role;
}

/**
 * When a new token expires: after `requestedDays` (or the platform's default), refused above the maximum; a
 * token made with a token expires no later than that token.
 */
export function newTokenExpiry(
  now: Date,
  requestedDays: number | undefined,
  limits: { defaultDays: number; maxDays: number },
  callerToken?: { expiresAt: Date },
): Date {
  const days = requestedDays ?? limits.defaultDays;
  if (days > limits.maxDays) {
    throw new PlatformError(
      'validation_failed',
      `invalid request: body.expiresInDays: a token may live at most ${limits.maxDays} days on this platform (TOKEN_MAX_TTL_DAYS)`,
    );
  }
  const expiresAt = new Date(now.getTime() + days * day);
  return callerToken && callerToken.expiresAt < expiresAt ? callerToken.expiresAt : expiresAt;
}
