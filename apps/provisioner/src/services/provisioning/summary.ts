import {
  restoreRequestSchema,
  rollbackRequestSchema,
  rotateSecretsRequestSchema,
  updateStoreRequestSchema,
} from '@store-platform/contracts';

import { cloneSourceOf, type Operation } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { describeChanges, shapeChanges, targetShape } from '../../domain/update.js';

/**
 * What an operation set out to change, for its activity entry ("plan basic -> standard, replicas 1", "to
 * revision 2"), from its request and the store as it was before; undefined for kinds that change nothing asked.
 */
export function requestSummary(operation: Operation, before: Store): string | undefined {
  if (operation.kind === 'update') {
    const request = updateStoreRequestSchema.safeParse(operation.request ?? {});
    return request.success
      ? describeChanges(shapeChanges(before, targetShape(before, request.data)))
      : undefined;
  }
  if (operation.kind === 'rollback') {
    const request = rollbackRequestSchema.safeParse(operation.request ?? {});
    return request.success ? `to revision ${request.data.revision}` : undefined;
  }
  if (operation.kind === 'restore') {
    const request = restoreRequestSchema.safeParse(operation.request ?? {});
    return request.success ? `from backup ${request.data.backup}` : undefined;
  }
  const clone =
    operation.kind === 'create' || operation.kind === 'retry' ? cloneSourceOf(operation.request) : undefined;
  if (clone) return `a clone of backup ${clone}`;
  if (operation.kind === 'rotate-secrets') {
    const request = rotateSecretsRequestSchema.safeParse(operation.request ?? {});
    return request.success ? request.data.what : undefined;
  }
  return undefined;
}
