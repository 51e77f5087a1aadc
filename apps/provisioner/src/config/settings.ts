import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { newPasswordLength, usernamePattern, usernameRule } from '@store-platform/contracts';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultChart = path.resolve(here, '../../../../helm-charts/store-instance');

const bool = z.enum(['true', 'false']).transform((value) => value === 'true');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** A comma-separated list; empty entries dropped. */
const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** Every setting of the provisioner, read from the environment once at start. */
const settingsSchema = z.object({
  ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  PORT: int(1, 65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url(),
  DATABASE_POOL_SIZE: int(1, 100).default(10),
  WORKER_CONCURRENCY: int(1, 50).default(5),
  OPERATION_TIMEOUT_SECONDS: int(60, 7200).default(600),
  HELM_BINARY: z.string().default('helm'),
  STORE_CHART: z.string().default(defaultChart),
  /** Operator-wide chart values for every store (image registry, ingress class...), comma-separated files. */
  STORE_VALUES_FILES: z
    .string()
    .default('')
    .transform((value) => value.split(',').filter(Boolean)),
  ENVIRONMENT: z.enum(['local', 'production']).default('local'),
  BASE_DOMAIN: z.string().default('127.0.0.1.nip.io'),
  INGRESS_CLASS: z.string().default('nginx'),
  /** Empty: the cluster's default StorageClass. */
  STORAGE_CLASS: z.string().default(''),
  /**
   * ClusterRole the provisioner binds to itself in each store namespace it creates (the store-platform chart's
   * `{release}-store-manager`, docs/security.md). Empty: no binding, for a provisioner that runs as cluster admin.
   */
  STORE_CLUSTER_ROLE: z.string().default(''),
  /**
   * The install of the platform this provisioner belongs to (the store-platform chart's release name): every store
   * namespace and object it makes carries it as the label store-platform.io/instance, and it touches no namespace
   * labelled for another install. The default is the release name the README installs.
   */
  PLATFORM_INSTANCE: z
    .string()
    .max(53)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'must be a Helm release name')
    .default('store-platform'),
  /** The platform's own namespace (the chart's release namespace), which no store may take; empty: none. */
  PLATFORM_NAMESPACE: z
    .string()
    .regex(/^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name')
    .default(''),
  /** Off on the simulated cluster, where no workload serves HTTP. */
  STOREFRONT_CHECK: bool.default(true),
  /**
   * How often the worker checks every Running store's health (one replica at a time); each check lists the
   * stores' objects once across the cluster and spreads the per-store reads over the interval.
   */
  HEALTH_INTERVAL_SECONDS: int(1, 3600).default(30),
  MEDUSA_ENABLED: bool.default(false),
  /**
   * Engine versions (image tags) an update may set, comma-separated, per engine (the platform chart's
   * store.engineVersions); empty: the version is not a choice.
   */
  ENGINE_VERSIONS_WOOCOMMERCE: list,
  ENGINE_VERSIONS_MEDUSA: list,
  /**
   * Access mode of every store's uploads claim (the platform chart's store.uploadsAccessMode): only with
   * ReadWriteMany may a store run more than one app replica, since each replica mounts the claim.
   */
  UPLOADS_ACCESS_MODE: z.enum(['ReadWriteOnce', 'ReadWriteMany']).default('ReadWriteOnce'),
  /**
   * How long an update's or rollback's `helm upgrade --wait` (a rollback upgrades with the revision's values) may
   * take before it counts as failed and is rolled back (short in tests, so that a failing update ends quickly).
   */
  UPDATE_TIMEOUT_SECONDS: int(10, 3600).default(240),
  /**
   * Store creation from a description (POST /assistant/plan): an OpenAI-compatible chat-completions API at
   * `{ASSISTANT_BASE_URL}/chat/completions` and its model. Off while either is empty (docs/decisions/018-assistant.md).
   */
  ASSISTANT_BASE_URL: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  ASSISTANT_MODEL: z.string().trim().default(''),
  /** Its bearer token, from a Secret (the platform chart's assistant.apiKeySecret); empty sends none. */
  ASSISTANT_API_KEY: z.string().default(''),
  /** How long a proposal may take before the person is told the model did not answer. */
  ASSISTANT_TIMEOUT_SECONDS: int(1, 300).default(30),
  /** Proposals one user may ask for in an hour: each is a paid model request. */
  ASSISTANT_PLANS_PER_HOUR: int(1, 10000).default(30),
  /**
   * Where store backups go (docs/decisions/012-backups.md): an S3-compatible endpoint, e.g. https://s3.eu-west-1.amazonaws.com,
   * or the platform's own backup store in local installs (the store-platform chart's backups.local, an
   * `rclone serve s3` Deployment with a volume). Empty: backups, restores, clones and backup-before-delete are off
   * and their requests answer 503 with why.
   */
  BACKUP_S3_ENDPOINT: z.string().default(''),
  BACKUP_S3_BUCKET: z.string().default('store-backups'),
  BACKUP_S3_REGION: z.string().default('us-east-1'),
  /** Prefix of every object key, e.g. `prod/`; backups are at `{prefix}stores/{store}/{backupId}/`. */
  BACKUP_S3_PREFIX: z.string().default(''),
  /** Path-style addressing (`endpoint/bucket/key`): what rclone, MinIO and most S3-compatible servers need. */
  BACKUP_S3_FORCE_PATH_STYLE: bool.default(true),
  BACKUP_S3_ACCESS_KEY_ID: z.string().default(''),
  BACKUP_S3_SECRET_ACCESS_KEY: z.string().default(''),
  /** The image of backup, restore and rotation Jobs (images/store-backup), pinned by tag. */
  BACKUP_IMAGE: z.string().default('store-platform/store-backup:0.1.0'),
  /** How long one backup or restore Job may run before it counts as failed. */
  BACKUP_JOB_TIMEOUT_SECONDS: int(10, 86400).default(1800),
  /**
   * The deletion policy (the store-platform chart's deletionPolicy): keep the store's volumes when it is deleted
   * (their PersistentVolumes are set to Retain and released at purge), take a backup first, and how long a deleted
   * store stays restorable. Days may be fractional (tests use seconds' worth).
   */
  DELETION_RETAIN_DATA: bool.default(false),
  DELETION_BACKUP_BEFORE_DELETE: bool.default(true),
  DELETION_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(7),
  /** How often the worker purges deleted stores whose retention has ended. */
  PURGE_INTERVAL_SECONDS: int(1, 86400).default(3600),
  MAX_STORES: int(1, 10000).default(100),
  /** Writes (create, delete, retry) one user may make from one address per minute. */
  WRITE_RATE_LIMIT_PER_MINUTE: int(1, 10000).default(60),
  MAX_STORES_PER_USER: int(1, 10000).default(20),
  /** The first admin, created when the platform has no user yet. */
  PLATFORM_ADMIN_USER: z.string().regex(usernamePattern, usernameRule).default('admin'),
  /** Its password; when unset, one is generated and printed once. */
  PLATFORM_ADMIN_PASSWORD: z.string().min(newPasswordLength.min).optional(),
  /** Lifetime of a new API token when its creator names none, in days. */
  TOKEN_DEFAULT_TTL_DAYS: int(1, 3650).default(90),
  /** The longest lifetime a new API token may ask for, in days. */
  TOKEN_MAX_TTL_DAYS: int(1, 3650).default(365),
  /** Send the session cookie over HTTPS only, named `__Host-sp_session` (on in production). */
  COOKIE_SECURE: bool.default(false),
  /** A session ends after this long without a request (and sessionHours after sign-in in any case, domain/session.ts). */
  SESSION_IDLE_MINUTES: int(1, 720).default(30),
  /** How often ended sessions and stale sign-in failures are deleted. */
  SESSION_PURGE_INTERVAL_SECONDS: int(1, 86400).default(600),
  /**
   * Failed sign-ins in a row that lock a user name (known or not), and an address; each further failure locks
   * again for twice as long, from LOGIN_LOCKOUT_SECONDS up to LOGIN_LOCKOUT_MAX_SECONDS. Counted in PostgreSQL,
   * for all replicas; forgotten an hour after the last failure, and for a user name at its owner's sign-in.
   */
  LOGIN_FAILURES_PER_USER: int(1, 10000).default(5),
  LOGIN_FAILURES_PER_ADDRESS: int(1, 10000).default(20),
  LOGIN_LOCKOUT_SECONDS: int(1, 3600).default(30),
  LOGIN_LOCKOUT_MAX_SECONDS: int(1, 3600).default(900),
  /** Sign-in attempts, failed or not, one address may make per minute (per replica). */
  LOGIN_ATTEMPTS_PER_MINUTE: int(1, 10000).default(60),
  /** Password hashes (Argon2, about 19 MiB each) one replica runs at once; more wait briefly, then get 503. */
  LOGIN_HASH_CONCURRENCY: int(1, 64).default(2),
  /** API tokens one user, and users one admin, may create per hour (each, per replica). */
  CREDENTIAL_CREATES_PER_HOUR: int(1, 10000).default(30),
  /** Event streams one user may hold open on one replica. */
  STREAMS_PER_USER: int(1, 100).default(5),
  /** How often an open event stream's session or token is checked again (expired, idle or revoked: it ends). */
  STREAM_RECHECK_SECONDS: int(1, 3600).default(30),
  /**
   * Proxies in front of the provisioner whose X-Forwarded-For to trust for the client's address (sign-in and
   * write limits): 0 when clients connect directly; the chart sets 2 (Ingress controller, dashboard nginx).
   */
  TRUSTED_PROXY_HOPS: int(0, 10).default(0),
  /** Folder of the dashboard's production build to serve at / on the API's origin (make up); empty: none. */
  DASHBOARD_DIR: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Settings = z.infer<typeof settingsSchema>;

// Each running operation holds a connection for its store's lock, and the API and queue need some too.
const withPoolCheck = settingsSchema
  .refine((s) => s.DATABASE_POOL_SIZE >= s.WORKER_CONCURRENCY + 3, {
    path: ['DATABASE_POOL_SIZE'],
    message:
      'must be at least WORKER_CONCURRENCY + 3 (each running operation holds one connection for its lock)',
  })
  // A failed update waits for its upgrade, then for the rollback: both must end before the queue gives up on the job.
  .refine((s) => 2 * s.UPDATE_TIMEOUT_SECONDS + 60 <= s.OPERATION_TIMEOUT_SECONDS, {
    path: ['UPDATE_TIMEOUT_SECONDS'],
    message:
      'must leave room for an upgrade and its rollback within OPERATION_TIMEOUT_SECONDS (2 x UPDATE_TIMEOUT_SECONDS + 60 at most)',
  })
  .refine((s) => s.TOKEN_DEFAULT_TTL_DAYS <= s.TOKEN_MAX_TTL_DAYS, {
    path: ['TOKEN_DEFAULT_TTL_DAYS'],
    message: 'must not exceed TOKEN_MAX_TTL_DAYS (the default lifetime of a token must be one it may have)',
  })
  .refine((s) => s.LOGIN_LOCKOUT_MAX_SECONDS >= s.LOGIN_LOCKOUT_SECONDS, {
    path: ['LOGIN_LOCKOUT_MAX_SECONDS'],
    message: 'must be at least LOGIN_LOCKOUT_SECONDS (the first lockout)',
  });

/** Parses the environment; throws one readable message listing every bad or missing setting. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const result = withPoolCheck.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`invalid settings:\n  ${problems.join('\n  ')}`);
}
