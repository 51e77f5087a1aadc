import { z } from 'zod';

import { planIds, storeSettingsSchema } from './stores.js';

/**
 * PATCH /stores/{name} and POST /stores/{name}/preview: what to change on a running store. Absent fields keep their
 * current value; at least one field is required. Sent with `If-Match` (the store's ETag) to apply.
 */
export const updateStoreRequestSchema = z
  .strictObject({
    plan: z.enum(planIds).optional(),
    replicas: storeSettingsSchema.shape.replicas,
    title: storeSettingsSchema.shape.title,
    adminEmail: storeSettingsSchema.shape.adminEmail,
    engineVersion: storeSettingsSchema.shape.engineVersion,
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'name at least one of plan, replicas, title, adminEmail, engineVersion',
  })
  // The rule above as JSON Schema says it, for the OpenAPI document.
  .meta({ minProperties: 1 });
export type UpdateStoreRequest = z.infer<typeof updateStoreRequestSchema>;

/** One value that changes: a field of the request (plan, replicas...) or a chart value path. */
export const valueChangeSchema = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});
export type ValueChange = z.infer<typeof valueChangeSchema>;

/** One Kubernetes object that an update adds, removes or changes, with a unified diff of its manifest. */
export const manifestChangeSchema = z.object({
  kind: z.string(),
  name: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  diff: z.string(),
});
export type ManifestChange = z.infer<typeof manifestChangeSchema>;

/** POST /stores/{name}/preview: what an update would change, before anything is applied. */
export const updatePreviewSchema = z.object({
  /** The store's version the preview was made from; send it as If-Match to apply exactly this. */
  version: z.number().int(),
  values: z.array(valueChangeSchema),
  manifests: z.array(manifestChangeSchema),
  /** What to know before applying (e.g. pods that restart). */
  notes: z.array(z.string()),
});
export type UpdatePreview = z.infer<typeof updatePreviewSchema>;

/** One revision of a store's Helm release (GET /stores/{name}/revisions), newest first. */
export const revisionSchema = z.object({
  revision: z.number().int(),
  updatedAt: z.string(),
  /** Helm's status of the revision: deployed, superseded, failed, pending-upgrade... */
  status: z.string(),
  chartVersion: z.string(),
  appVersion: z.string(),
  /** Helm's description ("Install complete", "Rollback to 2"...). */
  description: z.string(),
  /** Who made it, and what changed, when the platform made it (null for a revision made outside). */
  actor: z.string().nullable(),
  changes: z.array(valueChangeSchema).nullable(),
});
export type RevisionView = z.infer<typeof revisionSchema>;
export const revisionListSchema = z.object({ items: z.array(revisionSchema) });

/** POST /stores/{name}/rollback (with If-Match). */
export const rollbackRequestSchema = z.strictObject({ revision: z.number().int().min(1) });
export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;
