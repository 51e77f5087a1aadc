import type { Store } from '../../src/domain/store.js';
import type { BackupReason, StoreBackups } from '../../src/services/provisioning/store-backups.js';

/**
 * StoreBackups for unit tests: backups as records by store, each call recorded as "<method> <store> [reason]".
 * `failNext` makes the next takeBackup throw (the backup Job failed), as the real one does, with why.
 */
export class RecordingStoreBackups implements StoreBackups {
  readonly calls: string[] = [];
  /** Backup ids by store, oldest first. */
  readonly backups = new Map<string, { id: string; createdAt: Date; reason: BackupReason }[]>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  failNext(error: Error): void {
    this.failure = error;
  }

  /** Adds a backup taken earlier (a manual one); its id. */
  add(store: string, reason: BackupReason = 'manual'): string {
    const id = `backup-${this.nextId++}`;
    this.backups.set(store, [...(this.backups.get(store) ?? []), { id, createdAt: this.now(), reason }]);
    return id;
  }

  async takeBackup(store: Store, reason: BackupReason): Promise<string> {
    this.calls.push(`takeBackup ${store.name} ${reason}`);
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
    return this.add(store.name, reason);
  }

  async latest(storeName: string) {
    this.calls.push(`latest ${storeName}`);
    const newest = this.backups.get(storeName)?.at(-1);
    return newest ? { id: newest.id, createdAt: newest.createdAt } : null;
  }

  async removeAll(storeName: string): Promise<number> {
    this.calls.push(`removeAll ${storeName}`);
    const count = this.backups.get(storeName)?.length ?? 0;
    this.backups.delete(storeName);
    return count;
  }
}
