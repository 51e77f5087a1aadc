import type { EngineId, PlanId, RetainedVolumeView } from '@store-platform/contracts';

/** A PersistentVolume the deletion policy kept (reclaim policy Retain, labelled for its store and install). */
export type RetainedVolume = RetainedVolumeView;

/** The labels a kept PersistentVolume carries, so that the purge finds it and deletes no other install's. */
export const retainedVolumeLabels = (store: string, instance: string) => ({
  'store-platform.io/store': store,
  'store-platform.io/instance': instance,
});

/** What a delete asked beyond the policy (DELETE /stores/{name}?backup=false&retainData=...), by an admin. */
export interface DeleteRequest {
  /** false: skip the backup before the delete. */
  backup?: boolean;
  /** Keep (true) or remove (false) the store's volumes, whatever DELETION_RETAIN_DATA says. */
  retainData?: boolean;
  /** The store's status when the delete was asked: what it goes back to when the backup fails. */
  statusBefore?: string;
}

/** What a finished delete leaves to restore from; the store can be restored only when there is something. */
export interface DeletionOutcome {
  lastBackupId: string | null;
  retainedVolumes: RetainedVolume[];
}

/** A soft-deleted store as the platform keeps it until its purge. */
export interface DeletedStore extends DeletionOutcome {
  /** The row's id: a name may be deleted, reused and deleted again. */
  id: string;
  name: string;
  engine: EngineId;
  plan: PlanId;
  deletedBy: string;
  deletedAt: Date;
  restorableUntil: Date;
}

/** Whether a deleted store has anything to restore from, and so stays listed until its retention ends. */
export const restorable = (outcome: DeletionOutcome) =>
  outcome.lastBackupId !== null || outcome.retainedVolumes.length > 0;

/** When a store deleted at `deletedAt` is purged: `retentionDays` later (a fraction of a day in tests). */
export const restorableUntil = (deletedAt: Date, retentionDays: number) =>
  new Date(deletedAt.getTime() + retentionDays * 86_400_000);

/**
 * Why `role` may not ask this delete, or undefined when it may: overriding the deletion policy (skipping the backup,
 * or choosing whether the data stays) is an admin's decision, as it decides what can be restored afterwards.
 */
export function deleteOverrideBlocker(
  role: string,
  request: Pick<DeleteRequest, 'backup' | 'retainData'>,
): string | undefined {
  if (role === 'admin') return undefined;
  if (request.backup === false) {
    return `skipping the backup before a delete (backup=false) needs the admin role; yours is ${role}. Delete without it to take the backup the deletion policy asks for`;
  }
  if (request.retainData !== undefined) {
    return `choosing whether the store's data is kept (retainData) needs the admin role; yours is ${role}. Delete without it to follow the deletion policy`;
  }
  return undefined;
}

/** The delete request kept with its operation (empty for deletes asked before the deletion policy existed). */
export function deleteRequestOf(request: Record<string, unknown> | null): DeleteRequest {
  const flag = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
  return {
    backup: flag(request?.backup),
    retainData: flag(request?.retainData),
    statusBefore: typeof request?.statusBefore === 'string' ? request.statusBefore : undefined,
  };
}
