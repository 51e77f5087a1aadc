import type {
  EngineId,
  HealthReason,
  HealthState,
  PlanId,
  StoreSettings,
  StoreStatus,
} from '@store-platform/contracts';

import type { OperationKind } from './operation.js';

/** A store's health as the worker last observed it. */
export interface StoreHealthRecord {
  state: HealthState;
  reasons: HealthReason[];
  checkedAt: Date;
}

/** A store as the platform records it. */
export interface Store {
  name: string;
  engine: EngineId;
  plan: PlanId;
  /** What an operator changed since the create (PATCH); absent keys take the chart's defaults. */
  settings: StoreSettings;
  /** Observed while it runs; null before its first check. */
  health: StoreHealthRecord | null;
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
  /** The version of its credentials Secret it runs on (secret rotation, chart value `secrets.version`); absent: 1. */
  secretVersion?: number;
}

/** Status a store takes while an operation of this kind runs. */
export const statusDuring = {
  create: 'provisioning',
  retry: 'provisioning',
  delete: 'deleting',
  update: 'updating',
  rollback: 'updating',
  repair: 'updating',
  // A backup leaves the store serving as it is; a restore stops its app for a while, like an update's rollout.
  backup: 'running',
  restore: 'updating',
  'rotate-secrets': 'updating',
} as const satisfies Record<OperationKind, StoreStatus>;

/** Why `kind` cannot start on `store` now, or undefined when it can. */
export function operationBlocker(store: Store, kind: Exclude<OperationKind, 'create'>): string | undefined {
  if (store.currentOperationId) return `store "${store.name}" is busy: an operation is still running on it`;
  if (kind === 'retry' && store.status !== 'failed') {
    return `only a failed store can be retried; "${store.name}" is ${store.status}`;
  }
  const onRunning = ['update', 'rollback', 'repair', 'backup', 'restore', 'rotate-secrets'];
  if (onRunning.includes(kind) && store.status !== 'running') {
    return `only a running store can be changed (${kind}); "${store.name}" is ${store.status}`;
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
