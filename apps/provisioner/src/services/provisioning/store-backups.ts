import type { Store } from '../../domain/store.js';

/** Why a backup was taken: asked for, or by the platform before a delete or a restore. */
export type BackupReason = 'manual' | 'before-delete' | 'before-restore';

/**
 * What the delete and restore flows need of backups (docs/decisions/012-backups.md); the backup service implements
 * it. Absent from ProvisioningDeps when backups are not configured (BACKUP_S3_ENDPOINT empty).
 */
export interface StoreBackups {
  /** Takes a backup of the store now, as a step of `operationId`, and waits for it; its id. Throws with why. */
  takeBackup(store: Store, reason: BackupReason, operationId: string, actor: string): Promise<string>;
  /** The newest complete backup of the store, or null. */
  latest(storeName: string): Promise<{ id: string; createdAt: Date } | null>;
  /** Removes every backup of the store, its objects and its records; how many were removed. */
  removeAll(storeName: string): Promise<number>;
}
