/** What the provisioner needs of the bucket backups go to (an S3 API: docs/decisions/012-backups.md). */
export interface BackupStorage {
  /** The parsed JSON object at `key`, or undefined when there is none (a backup not complete yet). */
  readManifest(key: string): Promise<unknown>;
  /**
   * Streams the object at `key` once and compares its sha256 and size with the manifest's; resolves with a problem
   * in words (missing, a different checksum or size), or undefined when it matches.
   */
  verifyArchive(key: string, expected: { sha256: string; bytes: number }): Promise<string | undefined>;
  /** Removes every object whose key starts with `prefix`; how many were removed. */
  deletePrefix(prefix: string): Promise<number>;
}
