import { z } from 'zod';

/**
 * A Running store's observed health: `healthy` serves and nothing needs attention; `degraded` serves but something
 * does (a replica down, a failed release, a certificate, a quota nearly used); `down` does not serve (no app or
 * database ready, or its namespace is gone); `unknown` could not be observed (the check failed).
 */
export const healthStates = ['healthy', 'degraded', 'down', 'unknown'] as const;
export const healthStateSchema = z.enum(healthStates);
export type HealthState = z.infer<typeof healthStateSchema>;

/** Why a store is not healthy; each reason also carries words a person can act on. */
export const healthReasonCodes = [
  'namespace_missing',
  'app_not_ready',
  'db_not_ready',
  'restarting',
  'storefront_unreachable',
  'certificate_not_ready',
  'quota_near_limit',
  'release_failed',
  'check_failed',
] as const;
export const healthReasonSchema = z.object({
  code: z.enum(healthReasonCodes),
  message: z.string(),
});
export type HealthReason = z.infer<typeof healthReasonSchema>;

export const storeHealthSchema = z.object({
  state: healthStateSchema,
  reasons: z.array(healthReasonSchema),
  /** When it was observed (ISO 8601). */
  checkedAt: z.string(),
});
export type StoreHealth = z.infer<typeof storeHealthSchema>;
