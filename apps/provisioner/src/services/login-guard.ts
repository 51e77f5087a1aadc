import { PlatformError } from '../domain/errors.js';
import { lockoutSeconds, type LockoutPolicy } from '../domain/login-backoff.js';
import type { LoginAttempts } from '../ports/login-attempts.js';

/** When failed sign-ins lock a user name and an address (LOGIN_* settings). */
export interface LoginGuardPolicy {
  perUser: LockoutPolicy;
  perAddress: LockoutPolicy;
}

/** Failures are forgotten an hour after the last one (or at the owner's next sign-in, for a user name). */
const forgetAfterSeconds = 3600;

/**
 * Slows password guessing: after a few failures in a row, a user name (known or not, so that a lockout tells
 * nothing about who exists) or an address is locked for a while, twice as long with each further failure. A
 * locked attempt is refused before any password is hashed and does not count.
 */
export class LoginGuard {
  constructor(
    private readonly attempts: LoginAttempts,
    private readonly policy: LoginGuardPolicy,
  ) {}

  /** Refuses with 429 and Retry-After while the user name or the address is locked. */
  async check(username: string, address: string): Promise<void> {
    const locked = await this.attempts.lockedUntil([userKey(username), addressKey(address)]);
    if (!locked) return;
    const seconds = Math.max(1, Math.ceil((locked.until.getTime() - Date.now()) / 1000));
    const what = locked.key.startsWith('user:') ? 'for this user name' : 'from your address';
    throw new PlatformError(
      'limit_reached',
      `too many failed sign-ins ${what}; try again in ${seconds} s`,
      undefined,
      { retryAfterSeconds: seconds },
    );
  }

  async failed(username: string, address: string): Promise<void> {
    await Promise.all([
      this.count(userKey(username), this.policy.perUser),
      this.count(addressKey(address), this.policy.perAddress),
    ]);
  }

  /** The user name's failures are forgotten; the address's are not (a guesser may own one account). */
  async succeeded(username: string): Promise<void> {
    await this.attempts.clear(userKey(username));
  }

  async purge(): Promise<void> {
    await this.attempts.purge(forgetAfterSeconds);
  }

  private async count(key: string, policy: LockoutPolicy): Promise<void> {
    const failures = await this.attempts.recordFailure(key, forgetAfterSeconds);
    const seconds = lockoutSeconds(failures, policy);
    if (seconds > 0) await this.attempts.lock(key, seconds);
  }
}

const userKey = (username: string) => `user:${username}`;
const addressKey = (address: string) => `address:${address}`;
