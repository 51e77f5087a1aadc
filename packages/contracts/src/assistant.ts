import { z } from 'zod';

import { createStoreRequestSchema, storeCatalogSchema, storeTitleSchema } from './stores.js';

/** GET /assistant: whether the operator configured a model (store creation from a description); off when not. */
export const assistantStatusSchema = z.object({
  enabled: z.boolean(),
  /** The configured model's name, shown beside the proposal; null while off. */
  model: z.string().nullable(),
});
export type AssistantStatus = z.infer<typeof assistantStatusSchema>;

/** POST /assistant/plan body: the store described in a person's words. */
export const assistantPlanRequestSchema = z.strictObject({
  prompt: z.string().min(10).max(2000).regex(/\S/, 'must not be blank'),
});
export type AssistantPlanRequest = z.infer<typeof assistantPlanRequestSchema>;

/**
 * A proposed store: exactly a POST /stores body (the same field schemas, so a proposal the API returns is one
 * it would create), with a title and a starter catalog always filled. Nothing is created until a person sends it.
 */
export const storeProposalSchema = createStoreRequestSchema.omit({ fromBackup: true }).extend({
  title: storeTitleSchema,
  catalog: storeCatalogSchema,
});
export type StoreProposal = z.infer<typeof storeProposalSchema>;

/** POST /assistant/plan answer. */
export const assistantPlanResponseSchema = z.object({
  proposal: storeProposalSchema,
  /** What the platform changed in the model's answer to make it valid (a taken name), in words; often empty. */
  adjustments: z.array(z.string()),
  model: z.string(),
});
export type AssistantPlanResponse = z.infer<typeof assistantPlanResponseSchema>;
