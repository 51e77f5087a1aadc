import { z } from 'zod';

import { usageError } from './errors.js';

// Every setting comes from the environment (the provisioner's Jobs set exactly these names), validated once at start.

const text = z.string().trim().min(1, 'must not be empty');
const port = z.coerce.number().int().min(1).max(65_535);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

const common = z.object({
  STORE_NAME: text,
  ENGINE: z.enum(['woocommerce', 'medusa']),
  DB_KIND: z.enum(['mysql', 'postgres']),
  DB_HOST: text,
  DB_PORT: port,
  DB_NAME: text,
  DB_USER: text,
  DB_PASSWORD: z.string().min(1, 'must not be empty'),
  // Absent or empty: the store has no uploads volume (Medusa), the archive holds an empty uploads/.
  UPLOADS_DIR: z.string().optional(),
  S3_ENDPOINT: z.url(),
  S3_BUCKET: text,
  S3_REGION: text,
  S3_PREFIX: z.string().default(''),
  S3_FORCE_PATH_STYLE: bool,
  AWS_ACCESS_KEY_ID: text,
  AWS_SECRET_ACCESS_KEY: text,
});

const chartValues = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw) return {};
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON document' });
      return z.NEVER;
    }
  });

export const backupEnvSchema = common.extend({
  BACKUP_ID: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes'),
  ENGINE_VERSION: text,
  CHART_VALUES_JSON: chartValues,
});

export const restoreEnvSchema = common.extend({
  BACKUP_KEY: z.string().regex(/stores\/[^/]+\/[^/]+\/$/, 'must be the prefix "…stores/{store}/{id}/"'),
  SITE_URL: z.url().optional(),
});

export const rotateEnvSchema = z.object({
  // The rotation Jobs do not set it: only MariaDB/MySQL stores have this rotation for now.
  DB_KIND: z.enum(['mysql', 'postgres']).default('mysql'),
  DB_HOST: text,
  DB_PORT: port,
  DB_NAME: text,
  DB_ROOT_PASSWORD: z.string().min(1, 'must not be empty'),
  NEW_DB_USER: text.optional(),
  NEW_DB_PASSWORD: z.string().min(1, 'must not be empty').optional(),
  OLD_DB_USER: text.optional(),
});

export type CommonEnv = z.infer<typeof common>;
export type BackupEnv = z.infer<typeof backupEnvSchema>;
export type RestoreEnv = z.infer<typeof restoreEnvSchema>;
export type RotateEnv = z.infer<typeof rotateEnvSchema>;

/**
 * Parses the environment with `schema`; an invalid or missing variable is a usage error (exit 2) naming every
 * variable that is wrong, never its value (some are passwords).
 */
export function readEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  // An empty string is how a Job passes an unset optional value: it counts as absent (an empty S3_PREFIX is
  // then its default, no prefix; an empty required one is "not set").
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return present[name] === undefined ? `${name} is not set` : `${name} ${issue.message}`;
  });
  throw usageError(`invalid environment: ${problems.join('; ')}`);
}
