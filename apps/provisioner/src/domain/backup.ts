import type { BackupStatus, BackupView, EngineId } from '@store-platform/contracts';

/** A backup of a store as the platform records it (table backups); it outlives the store's row. */
export interface Backup {
  id: string;
  storeName: string;
  status: BackupStatus;
  reason: BackupView['reason'];
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  operationId: string | null;
  objectKey: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  engine: EngineId;
  engineVersion: string | null;
  error: string | null;
}

/** Where a backup's objects are: `{prefix}stores/{store}/{id}/` (docs/decisions/012-backups.md). */
export const backupPrefixOf = (prefix: string, store: string, id: string) =>
  `${prefix}stores/${store}/${id}/`;
export const manifestKeyOf = (backupPrefix: string) => `${backupPrefix}manifest.json`;

/** The manifest the backup tool writes last (format 1): its presence is what makes a backup complete. */
export interface BackupManifest {
  format: 1;
  backupId: string;
  store: string;
  engine: string;
  engineVersion: string;
  createdAt: string;
  chartValues: unknown;
  database: { kind: string; name: string; bytes: number };
  uploads: { files: number; bytes: number };
  archive: { key: string; bytes: number; sha256: string };
}

/** Why a manifest read from the bucket is not one of backup `id` of `store`, in words; undefined when it is. */
export function manifestProblem(manifest: unknown, store: string, id: string): string | undefined {
  const m = manifest as Partial<BackupManifest> | null;
  if (!m || typeof m !== 'object') return 'the manifest is not a JSON object';
  if (m.format !== 1) return `the manifest's format is ${String(m.format)}, not 1`;
  if (m.backupId !== id || m.store !== store) {
    return `the manifest is of backup ${String(m.backupId)} of store ${String(m.store)}, not ${id} of ${store}`;
  }
  const archive = m.archive;
  if (!archive || typeof archive.key !== 'string' || !/^[0-9a-f]{64}$/.test(String(archive.sha256))) {
    return 'the manifest names no archive with a sha256';
  }
  if (typeof archive.bytes !== 'number') return "the manifest does not give the archive's size";
  return undefined;
}
