/** How failed sign-ins lock a key (a user name, or a client address) for a while. */
export interface LockoutPolicy {
  /** Failures in a row that lock the key; each further failure locks it again, for twice as long. */
  failuresToLock: number;
  firstLockoutSeconds: number;
  maxLockoutSeconds: number;
}

/** Seconds a key is locked after its `failures`-th failure in a row; 0 while it is not locked. */
export function lockoutSeconds(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.failuresToLock) return 0;
  // Past 2^20 the cap has long been reached; the exponent stays small so the product stays finite.
  const doublings = Math.min(failures - policy.failuresToLock, 20);
  return Math.min(policy.maxLockoutSeconds, policy.firstLockoutSeconds * 2 ** doublings);
}
