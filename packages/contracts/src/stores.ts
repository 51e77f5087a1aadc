import { z } from 'zod';

import { storeHealthSchema } from './health.js';
import { storeNameLength, storeNamePattern, storeNameProblem } from './store-name.js';

/** Store engines the platform knows; whether each can be used now is reported by GET /engines. */
export const engineIds = ['woocommerce', 'medusa'] as const;
export type EngineId = (typeof engineIds)[number];

/** Plan presets (helm-charts/store-instance values `plans`). */
export const planIds = ['basic', 'standard', 'premium'] as const;
export type PlanId = (typeof planIds)[number];

/** `updating`: an update, rollback, repair or secret rotation runs on a store that was running (it keeps serving meanwhile). */
export const storeStatuses = ['provisioning', 'running', 'updating', 'failed', 'deleting'] as const;
export type StoreStatus = (typeof storeStatuses)[number];

/** Kinds of long work on a store, its phases, and the states of each of its steps. */
export const operationKinds = [
  'create',
  'delete',
  'retry',
  'update',
  'rollback',
  'repair',
  'backup',
  'restore',
  'rotate-secrets',
] as const;
export const operationPhases = ['queued', 'running', 'succeeded', 'failed'] as const;
export const stepStatuses = ['pending', 'running', 'done', 'skipped', 'failed'] as const;

/** A store name: a DNS label of 3 to 40 characters that the platform does not reserve. */
export const storeNameSchema = z
  .string()
  .min(storeNameLength.min)
  .max(storeNameLength.max)
  .regex(
    storeNamePattern,
    'may contain only lower-case letters, digits and hyphens, and must start and end with a letter or digit',
  )
  .superRefine((name, context) => {
    const problem = storeNameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** The shop's title shown to customers. */
// The pattern (some character that is not a space) says in the OpenAPI document what the trim would refuse.
export const storeTitleSchema = z.string().trim().min(1).max(100).regex(/\S/, 'must not be blank');

/**
 * A product of a starter catalog: a price in the store's currency as a decimal string ("12.50"), as WooCommerce
 * keeps prices. Its SKU is made from its name by the store chart, so that loading the catalog again adds nothing.
 */
export const catalogProductSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).regex(/\S/, 'must not be blank'),
  price: z
    .string()
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, 'must be a price such as 12 or 12.50, without a currency sign'),
  description: z.string().trim().max(600),
});
export type CatalogProduct = z.infer<typeof catalogProductSchema>;

/**
 * Products loaded into a new WooCommerce store by its setup (the store chart's `catalog.products`), once. Names
 * must also differ (catalogProblem): the rule is checked by the API (422) rather than here, since OpenAPI cannot
 * say it and a schema-valid request must not be refused as malformed.
 */
export const storeCatalogSchema = z.strictObject({
  products: z.array(catalogProductSchema).min(1).max(20),
});
export type StoreCatalog = z.infer<typeof storeCatalogSchema>;

/** What is wrong with a catalog beyond its schema: a product name listed twice (their SKUs would clash). */
export function catalogProblem(catalog: StoreCatalog): { index: number; message: string } | undefined {
  const seen = new Set<string>();
  for (const [index, product] of catalog.products.entries()) {
    const key = product.name.trim().toLowerCase();
    if (seen.has(key)) return { index, message: `"${product.name}" is listed twice` };
    seen.add(key);
  }
  return undefined;
}

/** POST /stores body. Unknown fields are refused, so a typo never passes silently. */
export const createStoreRequestSchema = z.strictObject({
  name: storeNameSchema,
  engine: z.enum(engineIds),
  plan: z.enum(planIds),
  /** The shop's title; absent, the store's name. */
  title: storeTitleSchema.optional(),
  /** A starter catalog (WooCommerce stores): the proposal of POST /assistant/plan, or written by hand. */
  catalog: storeCatalogSchema.optional(),
  /**
   * A clone: the id of a succeeded backup (of any store, a deleted one's too) of the same engine, restored into the
   * new store with its site URL rewritten to the new host.
   */
  fromBackup: z.uuid().optional(),
});
export type CreateStoreRequest = z.infer<typeof createStoreRequestSchema>;

/**
 * POST /stores/{name}/retry body, optional: `plan` retries the failed store on another plan (a smaller one when
 * the cluster or the quota lacked room, the "Retry with Basic" a failure offers); absent, the store keeps its plan.
 */
export const retryStoreRequestSchema = z.strictObject({
  plan: z.enum(planIds).optional(),
});
export type RetryStoreRequest = z.infer<typeof retryStoreRequestSchema>;

export const stepSchema = z.object({
  name: z.string(),
  title: z.string(),
  status: z.enum(stepStatuses),
  message: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /**
   * While the step runs: what Kubernetes says about the store's pods that are not ready yet, in words, newest
   * last ("Database pod cannot be scheduled: 0/3 nodes have enough CPU"); absent when there is nothing to say.
   */
  events: z.array(z.string()).optional(),
  /** While the step runs: when it gives up and the operation fails (ISO time); absent for steps with no wait. */
  deadline: z.string().nullable().optional(),
});
export type StepView = z.infer<typeof stepSchema>;

/**
 * Why Kubernetes or Helm refused or failed, as the provisioner classifies it: a denied right, something missing,
 * a clash, a wait that ran out, a quota or capacity limit, an input refused, a service that did not answer.
 */
export const failureKinds = [
  'forbidden',
  'not_found',
  'conflict',
  'timeout',
  'quota_exceeded',
  'invalid',
  'unavailable',
] as const;
export const failureKindSchema = z.enum(failureKinds);
export type FailureKind = z.infer<typeof failureKindSchema>;

/**
 * A next step offered with a failure: retry as is, retry on another plan, create the store under another name, or
 * run a command (shown to copy, e.g. `kubectl -n store-x describe pod ...`).
 */
export const failureActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('retry'), label: z.string() }),
  z.object({ kind: z.literal('retry-with-plan'), label: z.string(), plan: z.enum(planIds) }),
  z.object({ kind: z.literal('choose-another-name'), label: z.string() }),
  z.object({ kind: z.literal('command'), label: z.string(), command: z.string() }),
]);
export type FailureAction = z.infer<typeof failureActionSchema>;

export const operationSchema = z.object({
  id: z.string(),
  store: z.string(),
  kind: z.enum(operationKinds),
  phase: z.enum(operationPhases),
  steps: z.array(stepSchema),
  error: z
    .object({
      step: z.string(),
      message: z.string(),
      evidence: z.array(z.string()),
      /** What kind of failure, when Kubernetes or Helm said (absent for operations recorded before). */
      kind: failureKindSchema.optional(),
      /**
       * The most specific cause in words, headlining the failure ("Database pod cannot be scheduled: not enough
       * CPU"); absent when nothing more specific than `message` is known.
       */
      headline: z.string().optional(),
      /** A stable code of that cause, for grouping failures (`insufficient_cpu`, `job_failed`, `cancelled`...). */
      cause: z.string().optional(),
      /** What the operator can do next, most useful first. */
      actions: z.array(failureActionSchema).optional(),
    })
    .nullable(),
  startedBy: z.string(),
  /** Who asked to cancel it while it runs (POST /stores/{name}/cancel); absent or null when no one did. */
  cancelRequestedBy: z.string().nullable().optional(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type OperationView = z.infer<typeof operationSchema>;

/**
 * The kinds of operation a user may cancel while they run: a create (or retry) then cleans up as after a failure,
 * an update rolls back. A delete, rollback or repair cannot be stopped half way.
 */
export const cancellableKinds: readonly OperationView['kind'][] = ['create', 'retry', 'update'];

/**
 * What an operator may change on a running store besides its plan (PATCH /stores/{name}): each is absent until set,
 * and then the chart's default applies (the plan's app replicas, the store's name as title, admin@{host}, the
 * engine version of the operator's values).
 */
export const storeSettingsSchema = z.object({
  /** App replicas; more than one needs shared uploads (a ReadWriteMany class), or the API refuses it. */
  replicas: z.number().int().min(1).max(10).optional(),
  /** The shop's title shown to customers. */
  title: storeTitleSchema.optional(),
  /** The store administrator's e-mail. */
  adminEmail: z.string().email().max(200).optional(),
  /** The engine's image tag, one of those the operator allows (GET /engines lists them). */
  engineVersion: z.string().max(100).optional(),
});
export type StoreSettings = z.infer<typeof storeSettingsSchema>;

export const storeSchema = z.object({
  name: z.string(),
  engine: z.enum(engineIds),
  plan: z.enum(planIds),
  settings: storeSettingsSchema,
  /** Observed by the worker's health checks while the store runs; null until its first check. */
  health: storeHealthSchema.nullable(),
  status: z.enum(storeStatuses),
  reason: z.string().nullable(),
  version: z.number().int(),
  namespace: z.string(),
  urls: z.object({ storefront: z.string(), admin: z.string() }),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  operation: operationSchema.nullable(),
});
export type StoreView = z.infer<typeof storeSchema>;

export const storeListSchema = z.object({ items: z.array(storeSchema) });

/** An event of GET /stream: `store-deleted` names a store that is gone (a `store` event carries a whole store). */
export const storeDeletedEventSchema = z.object({ name: z.string() });

/**
 * A free-text query parameter: the API refuses control characters (C0, DEL, C1) in any query string with 400
 * (apps/provisioner/src/routes/query-guard.ts); the pattern says so in the OpenAPI document.
 */
// eslint-disable-next-line no-control-regex
const noControlCharacter = /^[^\u0000-\u001f\u007f-\u009f]*$/;
export const queryText = (max: number) => z.string().max(max).regex(noControlCharacter);

export const storeListQuerySchema = z.strictObject({
  status: z.enum(storeStatuses).optional(),
  engine: z.enum(engineIds).optional(),
  q: queryText(40).optional(),
});

/** POST /stores/{name}/credentials (admins only; every reveal is in the activity log). */
export const storeCredentialsSchema = z.object({
  username: z.string(),
  password: z.string(),
  adminUrl: z.string(),
});
export type StoreCredentials = z.infer<typeof storeCredentialsSchema>;

export const engineSchema = z.object({
  id: z.enum(engineIds),
  title: z.string(),
  availability: z.enum(['available', 'coming_soon']),
  description: z.string(),
  /** Engine versions (image tags) a store may be updated to, from the operator's values; empty: no choice. */
  versions: z.array(z.string()),
});
export type EngineView = z.infer<typeof engineSchema>;
/** GET /engines: what can be created, and where: a store is served at `https://{name}.{baseDomain}`. */
export const engineListSchema = z.object({ items: z.array(engineSchema), baseDomain: z.string() });

/**
 * GET /quota: the signed-in user's live stores against MAX_STORES_PER_USER (failed ones count too, so that the
 * dashboard can say that deleting them frees places).
 */
export const quotaSchema = z.object({
  used: z.number().int(),
  limit: z.number().int(),
  failed: z.number().int(),
});
export type QuotaView = z.infer<typeof quotaSchema>;

/** Every error reply: a stable code, a sentence for people, and details (such as the fields at fault). */
export const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorSchema>;

/**
 * `details` of a refusal that names what was wrong: `field` (a rule of the platform, e.g. a name in use), or
 * `fields` (the request schema's, e.g. `body.name`).
 */
export const fieldErrorDetailsSchema = z.object({
  field: z.string().optional(),
  fields: z.array(z.object({ field: z.string(), problem: z.string() })).optional(),
});

/** A 204 reply (sign-out, revoke, delete a user, set a password): no body, which a client reads as null. */
export const noContentSchema = z.null();

/**
 * What the activity log records: store operations, admins revealing a store's credentials, and changes to
 * accounts (users, their passwords and API tokens; these have no store, and only admins see other people's).
 */
export const activityActions = [
  'create',
  'delete',
  'retry',
  'update',
  'rollback',
  'repair',
  'backup',
  'restore',
  'backup-delete',
  'rotate-secrets',
  'health',
  'purge',
  'reveal-credentials',
  'user-create',
  'user-disable',
  'user-enable',
  'user-role',
  'user-delete',
  'password-change',
  'password-reset',
  'token-create',
  'token-revoke',
] as const;

/** How `store` and `actor` match: the exact name (the default), or any part of it whatever the case. */
export const activityMatches = ['exact', 'partial'] as const;

export const activityQuerySchema = z.strictObject({
  store: queryText(40).optional(),
  actor: queryText(60).optional(),
  match: z.enum(activityMatches).default('exact'),
  action: queryText(20).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** How an activity entry ended: accepted (an operation was queued), succeeded or failed. */
export const activityResults = ['accepted', 'succeeded', 'failed'] as const;

export const activityEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  /** Null for an account change (see `detail` for whose). */
  store: z.string().nullable(),
  result: z.enum(activityResults),
  durationMs: z.number().nullable(),
  detail: z.string().nullable(),
});
export const activityPageSchema = z.object({
  items: z.array(activityEntrySchema),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});
export type ActivityEntryView = z.infer<typeof activityEntrySchema>;
export type ActivityPageView = z.infer<typeof activityPageSchema>;
/** GET /activity's filters as a client sends them; page and pageSize have defaults. */
export type ActivityQuery = Partial<z.output<typeof activityQuerySchema>>;
