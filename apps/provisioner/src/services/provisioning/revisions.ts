import type { EngineId, ValueChange } from '@store-platform/contracts';

import { namespaceOf, releaseOf } from '../../domain/naming.js';
import type { StoreShape } from '../../domain/update.js';
import type { ProvisioningDeps } from './deps.js';

/** Engine versions an update may set for `engine` (the operator's list). */
export const allowedVersions = (
  settings: Pick<ProvisioningDeps['settings'], 'ENGINE_VERSIONS_WOOCOMMERCE' | 'ENGINE_VERSIONS_MEDUSA'>,
  engine: EngineId,
): readonly string[] =>
  engine === 'woocommerce' ? settings.ENGINE_VERSIONS_WOOCOMMERCE : settings.ENGINE_VERSIONS_MEDUSA;

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * The plan and settings a revision ran on, read back from its values (`helm get values`), as storeValues wrote
 * them. An image tag is an engineVersion only when it is one the operator allows: another came from the values
 * files or the chart, which are not a store's setting.
 */
export function shapeFromValues(
  values: Record<string, unknown>,
  engine: EngineId,
  allowed: readonly string[],
  fallback: StoreShape,
): StoreShape {
  const store = record(values.store);
  const tag = record(record(record(values.engines)[engine]).image).tag;
  const plan = typeof store.plan === 'string' ? (store.plan as StoreShape['plan']) : fallback.plan;
  return {
    plan,
    settings: {
      ...(typeof store.appReplicas === 'number' ? { replicas: store.appReplicas } : {}),
      ...(typeof store.title === 'string' && store.title ? { title: store.title } : {}),
      ...(typeof store.adminEmail === 'string' && store.adminEmail ? { adminEmail: store.adminEmail } : {}),
      ...(typeof tag === 'string' && allowed.includes(tag) ? { engineVersion: tag } : {}),
    },
  };
}

/** The revision the store's release runs now (the newest deployed one), or undefined when none is. */
export async function deployedRevision(deps: ProvisioningDeps, store: string): Promise<number | undefined> {
  const history = await deps.helm.history(releaseOf(store), namespaceOf(store));
  return history.find((r) => r.status === 'deployed')?.revision;
}

/** Records who made the release's newest revision and what it changed; a failure to record is only logged. */
export async function recordNewestRevision(
  deps: ProvisioningDeps,
  store: string,
  made: { operationId: string; actor: string; changes: ValueChange[] | null },
): Promise<void> {
  try {
    const [newest] = await deps.helm.history(releaseOf(store), namespaceOf(store));
    if (newest) await deps.repository.recordRevision(store, { revision: newest.revision, ...made });
  } catch (error) {
    // The revision is made; only its "who and what" is missing, and the history shows it as made outside.
    deps.log('recording a revision failed', { store, err: error });
  }
}

/**
 * Puts the release back on what `revision` ran: `helm upgrade --wait` of the store chart with exactly that
 * revision's values, described as `helm rollback` would describe it. Argo CD rolls back alike, by syncing an
 * earlier revision's desired state. Rendering again keeps the live claims' sizes (the chart's `lookup`), where
 * `helm rollback` re-applies the revision's stored manifest, which would ask a grown claim to shrink and be refused.
 * The chart is the one installed now, which may be newer than the revision's. `secretVersion` is the store's own.
 */
export async function reapplyRevision(
  deps: ProvisioningDeps,
  store: string,
  revision: number,
  secretVersion = 1,
): Promise<void> {
  const [release, namespace] = [releaseOf(store), namespaceOf(store)];
  const values = await deps.helm.values(release, namespace, revision);
  await deps.helm.reapply({
    release,
    namespace,
    chart: deps.settings.STORE_CHART,
    // Always the credentials the store runs on now: an older revision may name a version whose database user a
    // rotation has dropped since (secret rotation, docs/decisions/012-backups.md).
    values: { ...values, secrets: { ...record(values.secrets), version: secretVersion } },
    description: `Rollback to ${revision}`,
    timeoutSeconds: deps.settings.UPDATE_TIMEOUT_SECONDS,
  });
}
