import { z } from 'zod';

import { engineIds, planIds } from './stores.js';

/** A query flag as text (`?backup=false`): only `true` and `false`, so that a typo is refused, not read as false. */
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/**
 * DELETE /stores/{name} query (docs/decisions/012-backups.md, "Deletion policy"): overrides of the platform's
 * deletionPolicy for this delete, admins only. `backup=false` skips the backup before the delete; `retainData`
 * keeps (true) or removes (false) the store's volumes whatever the policy says. Absent: the policy decides.
 */
export const deleteStoreQuerySchema = z.strictObject({
  backup: flag.optional(),
  retainData: flag.optional(),
});
export type DeleteStoreQuery = z.input<typeof deleteStoreQuerySchema>;

/** A PersistentVolume kept when its store was deleted (reclaim policy Retain), released at the purge. */
export const retainedVolumeSchema = z.object({
  /** The PersistentVolume's name. */
  name: z.string(),
  /** The claim it was bound to in the store's namespace (uploads, the database's data...). */
  claim: z.string(),
  /** Its size, as Kubernetes wrote it ("10Gi"); null when it did not say. */
  capacity: z.string().nullable(),
});
export type RetainedVolumeView = z.infer<typeof retainedVolumeSchema>;

/** A deleted store that can still be restored into a new store, until `restorableUntil`. */
export const deletedStoreSchema = z.object({
  name: z.string(),
  engine: z.enum(engineIds),
  plan: z.enum(planIds),
  /** Who deleted it (who started the delete). */
  deletedBy: z.string(),
  deletedAt: z.string(),
  /** When the purge removes its backups and volumes (deletedAt + the policy's retentionDays). */
  restorableUntil: z.string(),
  /** The backup a new store can be restored from (`POST /stores {..., fromBackup}`); null when only volumes stay. */
  lastBackupId: z.string().nullable(),
  /** Its volumes kept by the deletion policy's retainData; empty when none were. */
  retainedVolumes: z.array(retainedVolumeSchema),
});
export type DeletedStoreView = z.infer<typeof deletedStoreSchema>;

/** GET /deleted-stores: the deleted stores that can still be restored, most recently deleted first. */
export const deletedStoreListSchema = z.object({ items: z.array(deletedStoreSchema) });

/**
 * GET /data-policy: what happens to a store's data, for the dashboard to say before it happens (the delete dialog,
 * the backups panel): whether backups are configured, and the platform chart's deletionPolicy.
 */
export const dataPolicySchema = z.object({
  /** Backups, restores and clones are on (the platform chart's backups.*); off, their requests answer 503. */
  backupsConfigured: z.boolean(),
  /** A delete takes a backup first (when backups are configured); an admin may skip it. */
  backupBeforeDelete: z.boolean(),
  /** A delete keeps the store's volumes until the purge. */
  retainData: z.boolean(),
  /** How long a deleted store stays restorable, in days (may be fractional). */
  retentionDays: z.number(),
});
export type DataPolicyView = z.infer<typeof dataPolicySchema>;
