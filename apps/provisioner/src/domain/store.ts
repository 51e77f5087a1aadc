import type { EngineId, PlanId, StoreStatus } from '@store-platform/contracts';

/** A store as the platform records it. */
export interface Store {
  name: string;
  engine: EngineId;
  plan: PlanId;
  status: StoreStatus;
  /** Why the store is in its status, in plain words (set when Failed). */
  reason: string | null;
  /** Incremented on every write; clients send it back in If-Match. */
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** The operation running on the store, if any: at most one at a time. */
  currentOperationId: string | null;
}

/** Status a store takes while an operation of this kind runs. */
export const statusDuring = { create: 'provisioning', retry: 'provisioning', delete: 'deleting' } as const;

/** Why `kind` cannot start on `store` now, or undefined when it can. */
export function operationBlocker(store: Store, kind: 'delete' | 'retry'): string | undefined {
  if (store.currentOperationId) return `store "${store.name}" is busy: an operation is still running on it`;
  if (kind === 'retry' && store.status !== 'failed') {
    return `only a failed store can be retried; "${store.name}" is ${store.status}`;
  }
  return undefined;
}

/** How many live stores the platform, and each user, may have (MAX_STORES, MAX_STORES_PER_USER). */
export interface StoreLimits {
  total: number;
  perUser: number;
}

/** Why one more store is refused, given the live stores counted now; undefined when it fits. */
export function storeLimitBlocker(
  counts: { total: number; ofUser: number },
  limits: StoreLimits,
): string | undefined {
  if (counts.total >= limits.total) return `the platform already has its maximum of ${limits.total} stores`;
  if (counts.ofUser >= limits.perUser) return `you already have your maximum of ${limits.perUser} stores`;
  return undefined;
}
