import type { OperationView, StoreView } from '@store-platform/contracts';

import { namespaceOf, storeHostOf } from '../domain/naming.js';
import type { Operation } from '../domain/operation.js';
import type { Store } from '../domain/store.js';
import { engineFor } from '../engines/index.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function operationView(operation: Operation): OperationView {
  return {
    id: operation.id,
    store: operation.storeName,
    kind: operation.kind,
    phase: operation.phase,
    steps: operation.steps.map((s) => ({ ...s, startedAt: iso(s.startedAt), finishedAt: iso(s.finishedAt) })),
    error: operation.error,
    startedBy: operation.startedBy,
    cancelRequestedBy: operation.cancelRequestedBy,
    createdAt: operation.createdAt.toISOString(),
    startedAt: iso(operation.startedAt),
    finishedAt: iso(operation.finishedAt),
  };
}

/** A store as the API shows it, with its URLs and its current (or last) operation. */
export function storeView(store: Store, operation: Operation | undefined, baseDomain: string): StoreView {
  const origin = `https://${storeHostOf(store.name, baseDomain)}`;
  return {
    name: store.name,
    engine: store.engine,
    plan: store.plan,
    settings: store.settings,
    health: store.health ? { ...store.health, checkedAt: store.health.checkedAt.toISOString() } : null,
    status: store.status,
    reason: store.reason,
    version: store.version,
    namespace: namespaceOf(store.name),
    urls: { storefront: `${origin}/`, admin: `${origin}${engineFor(store.engine).adminPath}` },
    createdBy: store.createdBy,
    createdAt: store.createdAt.toISOString(),
    updatedAt: store.updatedAt.toISOString(),
    operation: operation ? operationView(operation) : null,
  };
}
