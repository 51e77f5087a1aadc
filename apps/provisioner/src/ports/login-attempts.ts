/**
 * Failed sign-ins by key (`user:{name}` or `address:{ip}`), shared by every replica of the API so that a guesser
 * gains nothing by spreading attempts over them.
 */
export interface LoginAttempts {
  /** The latest moment until which any of `keys` is locked, with that key; undefined when none is. */
  lockedUntil(keys: string[]): Promise<{ key: string; until: Date } | undefined>;
  /**
   * Counts one more failure of `key` and returns the failures in a row; a key whose last failure is older than
   * `forgetAfterSeconds` starts again from one.
   */
  recordFailure(key: string, forgetAfterSeconds: number): Promise<number>;
  /** Locks `key` for `seconds` from now. */
  lock(key: string, seconds: number): Promise<void>;
  /** Forgets the failures of `key` (its owner signed in). */
  clear(key: string): Promise<void>;
  /** Deletes keys whose last failure is older than `forgetAfterSeconds` and that are not locked. */
  purge(forgetAfterSeconds: number): Promise<void>;
}
