import { z } from 'zod';

/**
 * What a secret rotation renews (docs/operations.md, "Secret rotation"): `database` a new database user and
 * password (WooCommerce), `salts` the sign-in salts or keys (every session ends: everyone signs in again), `admin`
 * the store administrator's password (shown once by "Reveal credentials").
 */
export const rotationKinds = ['database', 'salts', 'admin'] as const;
export type RotationKind = (typeof rotationKinds)[number];

/** POST /stores/{name}/rotate-secrets body (with If-Match). */
export const rotateSecretsRequestSchema = z.strictObject({
  what: z
    .enum(rotationKinds)
    .describe(
      'database: a new database user and password, the app rolls to it and the old user is dropped once it is ready; ' +
        'salts: new sign-in salts, the app rolls and every signed-in user must sign in again; ' +
        'admin: a new store administrator password, shown once by the credentials reveal (no restart)',
    ),
});
export type RotateSecretsRequest = z.infer<typeof rotateSecretsRequestSchema>;

/** One version of a store's credentials Secret: what changed, when and by whom; never its values. */
export const secretVersionSchema = z.object({
  version: z.number().int().min(1),
  /** What the rotation renewed; null for version 1, the store's first credentials. */
  what: z.enum(rotationKinds).nullable(),
  createdAt: z.string(),
  /** Who made it: the rotation's operator, or the store's creator for version 1. */
  createdBy: z.string(),
  /** Whether the store runs on this version now. */
  current: z.boolean(),
});
export type SecretVersionView = z.infer<typeof secretVersionSchema>;
export const secretVersionListSchema = z.object({ items: z.array(secretVersionSchema) });
export type SecretVersionList = z.infer<typeof secretVersionListSchema>;

/** The titles of what a rotation renews, as the dashboard shows them. */
export const rotationKindTitles: Readonly<Record<RotationKind, string>> = {
  database: 'Database password',
  salts: 'Sign-in salts (signs everyone out)',
  admin: 'Administrator password',
};
