import { z } from 'zod';

import { engineIds } from './stores.js';

/** A backup's state: queued with its operation, its Job running, complete (manifest written), or failed. */
export const backupStatuses = ['pending', 'running', 'succeeded', 'failed'] as const;
export type BackupStatus = (typeof backupStatuses)[number];

/** Why a backup was taken: asked for, or by the platform before a delete or a restore. */
export const backupReasons = ['manual', 'before-delete', 'before-restore'] as const;

/** One backup of a store (docs/decisions/012-backups.md): where it is, how big, who took it and why. */
export const backupViewSchema = z.object({
  id: z.string(),
  store: z.string(),
  status: z.enum(backupStatuses),
  reason: z.enum(backupReasons),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The operation that took it (a backup, or the delete or restore it was taken before). */
  operationId: z.string().nullable(),
  /** The archive's key in the bucket (`{prefix}stores/{store}/{id}/archive.tar.gz`); null until complete. */
  objectKey: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  engine: z.enum(engineIds),
  /** The engine version the store ran (its setting, or the chart's default when unset). */
  engineVersion: z.string().nullable(),
  /** Why it failed, in words; null unless failed. */
  error: z.string().nullable(),
});
export type BackupView = z.infer<typeof backupViewSchema>;

/** GET /stores/{name}/backups: newest first. */
export const backupListSchema = z.object({ items: z.array(backupViewSchema) });

/** `:id` of DELETE /stores/{name}/backups/{id}. */
export const backupIdSchema = z.uuid();

/** POST /stores/{name}/restore body: which backup of the store to restore (sent with If-Match). */
export const restoreRequestSchema = z.strictObject({ backup: backupIdSchema });
export type RestoreRequest = z.infer<typeof restoreRequestSchema>;
