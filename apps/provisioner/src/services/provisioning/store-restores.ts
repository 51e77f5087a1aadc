import type { Backup } from '../../domain/backup.js';
import type { Store } from '../../domain/store.js';

/**
 * What the restore and clone flows need of backups (docs/decisions/012-backups.md), beside StoreBackups; the
 * backup service implements both. Absent when backups are not configured.
 */
export interface StoreRestores {
  /** The backup's record, or undefined. */
  get(id: string): Promise<Backup | undefined>;
  /**
   * Checks the backup before anything is touched: succeeded, its manifest in the bucket, and its archive's sha256
   * streamed and compared; what it found, in words. Throws with why not.
   */
  check(id: string): Promise<string>;
  /**
   * Restores backup `id` into `store` with a restore Job (the app must be at zero for a WooCommerce store: the
   * uploads claim is mounted read-write), rewriting the site URL to `siteUrl` when given (a clone); waits for it.
   */
  restore(store: Store, id: string, options: { siteUrl?: string }): Promise<string>;
}
