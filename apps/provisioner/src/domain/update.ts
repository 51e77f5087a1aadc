import {
  planCatalog,
  type PlanId,
  type StoreSettings,
  type UpdateStoreRequest,
  type ValueChange,
} from '@store-platform/contracts';

import { parseQuantity } from './quantity.js';
import type { Store } from './store.js';

/** What a store runs on: its plan and the settings an operator changed. */
export interface StoreShape {
  plan: PlanId;
  settings: StoreSettings;
}

/** Why an update is refused before anything is applied: the rule (stable, for clients) and words to act on. */
export interface UpdateRefusal {
  rule:
    'nothing_to_change' | 'replicas_need_shared_uploads' | 'engine_version_not_allowed' | 'quota_below_usage';
  message: string;
  /** The figures behind it (allowed versions, used against allowed quantities...). */
  details?: Record<string, unknown>;
}

/** What the platform allows, and what the store's namespace uses now (its ResourceQuota's status.used). */
export interface UpdateContext {
  /** Whether stores' uploads claims are ReadWriteMany, which more than one app replica needs. */
  sharedUploads: boolean;
  /** Engine versions (image tags) an update may set for the store's engine. */
  allowedVersions: readonly string[];
  /** The namespace's quota usage by resource (`requests.cpu`: "1200m"...); undefined when it was not read. */
  used?: Record<string, string>;
}

const settingKeys = ['replicas', 'title', 'adminEmail', 'engineVersion'] as const;
const planOf = (id: PlanId) => planCatalog.find((p) => p.id === id) ?? planCatalog[0]!;

/** The app replicas a store runs: its own setting, else its plan's. */
export const effectiveReplicas = (shape: StoreShape) =>
  shape.settings.replicas ?? planOf(shape.plan).appReplicas;

/** The store's plan and settings once `request` is applied (absent fields keep their value). */
export function targetShape(store: StoreShape, request: UpdateStoreRequest): StoreShape {
  const settings: StoreSettings = { ...store.settings };
  for (const key of settingKeys) {
    const value = request[key];
    if (value !== undefined) Object.assign(settings, { [key]: value });
  }
  return { plan: request.plan ?? store.plan, settings };
}

/** What differs between two shapes, field by field (plan, replicas, title, adminEmail, engineVersion). */
export function shapeChanges(from: StoreShape, to: StoreShape): ValueChange[] {
  const changes: ValueChange[] = [];
  if (from.plan !== to.plan) changes.push({ field: 'plan', from: from.plan, to: to.plan });
  for (const key of settingKeys) {
    const before = from.settings[key] ?? null;
    const after = to.settings[key] ?? null;
    if (before !== after) changes.push({ field: key, from: before, to: after });
  }
  return changes;
}

/** "plan basic -> standard, replicas 1": what an activity entry says changed. */
export function describeChanges(changes: readonly ValueChange[]): string {
  const show = (value: unknown) => (value === null || value === undefined ? 'default' : String(value));
  return changes
    .map((c) =>
      c.from === null || c.from === undefined
        ? `${c.field} ${show(c.to)}`
        : `${c.field} ${show(c.from)} -> ${show(c.to)}`,
    )
    .join(', ');
}

// The quota resources a plan sets that a namespace's pods and claims use up (planCatalog: cpu, memory, storage).
const quotaResources = [
  {
    resource: 'requests.cpu',
    of: (id: PlanId) => planOf(id).cpu,
    unit: (n: number) => `${+n.toFixed(2)} CPU`,
  },
  {
    resource: 'requests.memory',
    of: (id: PlanId) => planOf(id).memory,
    unit: (n: number) => `${+(n / 2 ** 30).toFixed(2)} GiB`,
  },
  {
    resource: 'requests.storage',
    of: (id: PlanId) => planOf(id).storage,
    unit: (n: number) => `${+(n / 2 ** 30).toFixed(2)} GiB`,
  },
] as const;

/**
 * Why `request` cannot be applied to `store`, or undefined when it can: checked before anything is applied (the
 * API) and again against the live namespace (the update's check step).
 */
export function updateRefusal(
  store: Pick<Store, 'name' | 'plan' | 'settings'>,
  request: UpdateStoreRequest,
  context: UpdateContext,
): UpdateRefusal | undefined {
  const target = targetShape(store, request);
  const changes = shapeChanges(store, target);
  if (changes.length === 0) {
    return {
      rule: 'nothing_to_change',
      message: `nothing to change: store "${store.name}" already runs with these values`,
    };
  }
  const replicas = effectiveReplicas(target);
  if (replicas > 1 && replicas > effectiveReplicas(store) && !context.sharedUploads) {
    const source = target.settings.replicas === undefined ? ` (plan ${target.plan}'s app replicas)` : '';
    return {
      rule: 'replicas_need_shared_uploads',
      message: `${replicas} app replicas${source} need shared uploads, and this platform's uploads claims are ReadWriteOnce: each replica mounts the store's uploads, which only one node can. Ask for replicas: 1, or an administrator sets store.uploadsAccessMode to ReadWriteMany with a storage class that offers it`,
      details: { replicas, uploadsAccessMode: 'ReadWriteOnce' },
    };
  }
  const version = request.engineVersion;
  if (
    version !== undefined &&
    version !== store.settings.engineVersion &&
    !context.allowedVersions.includes(version)
  ) {
    return {
      rule: 'engine_version_not_allowed',
      message: context.allowedVersions.length
        ? `engine version "${version}" is not allowed; choose one of ${context.allowedVersions.join(', ')}`
        : `engine version "${version}" is not allowed: the operator allows no engine versions (store.engineVersions)`,
      details: { allowed: [...context.allowedVersions] },
    };
  }
  if (target.plan !== store.plan && context.used) {
    const short = quotaResources.flatMap(({ resource, of, unit }) => {
      const used = context.used?.[resource];
      if (used === undefined) return [];
      const usedN = parseQuantity(used);
      const allowedN = parseQuantity(of(target.plan));
      return usedN > allowedN ? [{ resource, used: unit(usedN), allowed: unit(allowedN) }] : [];
    });
    if (short.length) {
      return {
        rule: 'quota_below_usage',
        message: `plan ${target.plan} is smaller than what store "${store.name}" uses now: ${short
          .map((s) => `${s.resource} ${s.used} used, ${s.allowed} allowed`)
          .join('; ')}. Free some first (fewer replicas, smaller volumes), or keep plan ${store.plan}`,
        details: { quota: short },
      };
    }
  }
  return undefined;
}
