import { PlatformError } from '../../domain/errors.js';
import type { PasswordHasher } from '../../ports/password-hasher.js';
import { ConcurrencyLimit, ConcurrencyLimitBusy } from './concurrency-limit.js';

/**
 * A PasswordHasher that runs at most `concurrency` hashes at once. Each Argon2 hash takes about 19 MiB and a
 * core for some 20 ms, and sign-in is unauthenticated: without a cap, a flood of sign-ins is a denial of service.
 * A few more may wait briefly; the rest get 503 at once, with Retry-After.
 */
export class LimitedHasher implements PasswordHasher {
  private readonly limit: ConcurrencyLimit;

  constructor(
    private readonly inner: PasswordHasher,
    concurrency: number,
  ) {
    this.limit = new ConcurrencyLimit({ max: concurrency, maxWaiting: concurrency * 4, waitMs: 2000 });
  }

  hash(password: string): Promise<string> {
    return this.limited(() => this.inner.hash(password));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.limited(() => this.inner.verify(passwordHash, password));
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await this.limit.run(task);
    } catch (error) {
      if (!(error instanceof ConcurrencyLimitBusy)) throw error;
      throw new PlatformError('unavailable', 'too many sign-ins at once; try again in a moment', undefined, {
        retryAfterSeconds: 1,
      });
    }
  }
}
