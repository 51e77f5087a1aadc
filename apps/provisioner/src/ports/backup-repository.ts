import type { Backup } from '../domain/backup.js';

/** Where backups are recorded (table backups). Records outlive their store's row. */
export interface BackupRepository {
  /** Records a pending backup; its id (also its objects' folder). */
  insert(
    input: Pick<Backup, 'storeName' | 'reason' | 'createdBy' | 'operationId' | 'engine' | 'engineVersion'>,
  ): Promise<Backup>;
  markRunning(id: string): Promise<void>;
  /** Ends a backup: succeeded with what its manifest says, or failed with why. */
  finish(
    id: string,
    outcome:
      | { status: 'succeeded'; objectKey: string; sizeBytes: number; sha256: string }
      | { status: 'failed'; error: string },
  ): Promise<void>;
  get(id: string): Promise<Backup | undefined>;
  /** The store's backups, newest first (a deleted store's too). */
  list(storeName: string): Promise<Backup[]>;
  remove(id: string): Promise<void>;
}
