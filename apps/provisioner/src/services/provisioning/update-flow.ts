import { updateStoreRequestSchema } from '@store-platform/contracts';

import { namespaceOf, releaseOf } from '../../domain/naming.js';
import type { Operation, UpdateStep } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { growthChanges, type ClaimGrowth } from '../../domain/storage.js';
import { shapeChanges, targetShape, updateRefusal, type StoreShape } from '../../domain/update.js';
import type { ProvisioningDeps } from './deps.js';
import { noFacts, type FailureFacts } from '../../domain/failure-explanation.js';
import { ownEvidence } from './ownership.js';
import { allowedVersions, deployedRevision, reapplyRevision, recordNewestRevision } from './revisions.js';
import { Skipped, StepFailed, StepRecorder, failOperation } from './step-recorder.js';
import { hookJobCompleted } from './run-job.js';
import { growVolumes } from './storage-growth.js';
import { watchStore } from './step-watch.js';
import { storeValues } from './store-values.js';

/** How long the migrate step waits for the Job controller to record the outcome of a hook Helm saw finish. */
const jobOutcomeTimeoutMs = 30_000;

/** The post-upgrade Job of a WooCommerce store (helm-charts/store-instance migrate-job.yaml). */
const migrateJobOf = (store: string) => `${store}-migrate`;

/** The change re-checked against the live namespace (its quota usage now); throws the refusal's words. */
async function check(deps: ProvisioningDeps, store: Store, operation: Operation) {
  const request = updateStoreRequestSchema.parse(operation.request ?? {});
  // A worker that died mid-upgrade left the release pending-upgrade: back to its last good revision first.
  await deps.helm.unstick(releaseOf(store.name), namespaceOf(store.name));
  const refusal = updateRefusal(store, request, {
    sharedUploads: deps.settings.UPLOADS_ACCESS_MODE === 'ReadWriteMany',
    allowedVersions: allowedVersions(deps.settings, store.engine),
    used: (await deps.kube.quotaUsage(namespaceOf(store.name))).used,
  });
  if (refusal) throw new Error(refusal.message);
  const revision = await deployedRevision(deps, store.name);
  if (revision === undefined) {
    throw new Error(
      `release ${releaseOf(store.name)} has no deployed revision to update (repair the store first)`,
    );
  }
  return { target: targetShape(store, request), revision };
}

async function migrate(
  deps: ProvisioningDeps,
  store: Store,
  target: StoreShape,
  signal: AbortSignal,
): Promise<string | Skipped> {
  if (store.engine !== 'woocommerce') {
    return new Skipped('skipped: Medusa migrates in its pods’ init containers, which the upgrade waited for');
  }
  const job = migrateJobOf(store.name);
  await hookJobCompleted(deps, store.name, job, jobOutcomeTimeoutMs, signal);
  const version = target.settings.engineVersion;
  return version !== store.settings.engineVersion
    ? `Job ${job} completed: database updated for engine version ${version ?? 'default'}`
    : `Job ${job} completed: no engine change; settings applied`;
}

/**
 * Updates a running store: check the change again, `helm upgrade --wait` with the new plan and settings, confirm
 * the migration Job; on success the store records its new plan and settings. On a failure after the upgrade
 * began, the evidence is collected and the release rolled back to the revision it ran before: the store keeps
 * running on its old plan and settings, and the operation says why, with what it rolled back to.
 */
export async function runUpdate(deps: ProvisioningDeps, operation: Operation, store: Store): Promise<void> {
  const steps = new StepRecorder<UpdateStep>(
    deps.repository,
    operation.id,
    operation.steps,
    deps.log,
    deps.now,
  );
  const release = releaseOf(store.name);
  const namespace = namespaceOf(store.name);
  let checked: Awaited<ReturnType<typeof check>> | undefined;
  const grown: ClaimGrowth[] = [];
  try {
    await steps.run('check', async () => {
      checked = await check(deps, store, operation);
      return `the change passes the rules; revision ${checked.revision} is running`;
    });
    const { target } = checked as NonNullable<typeof checked>;
    const changes = shapeChanges(store, target);
    // The upgrade and the migration show their pods' problems and deadline, and a cancel stops them: the
    // failure's revert below puts the release back (step-watch.ts).
    await steps.run(
      'upgrade',
      async (signal) => {
        await deps.helm.upgrade({
          release,
          namespace,
          chart: deps.settings.STORE_CHART,
          valuesFiles: deps.settings.STORE_VALUES_FILES,
          timeoutSeconds: deps.settings.UPDATE_TIMEOUT_SECONDS,
          values: storeValues({ ...store, ...target }, deps.settings),
          signal,
        });
        return `release ${release} upgraded; every workload is ready`;
      },
      watchStore(deps, store.name, deps.settings.UPDATE_TIMEOUT_SECONDS),
    );
    await steps.run('storage', () => growVolumes(deps, store.name, target.plan, grown));
    await steps.run(
      'migrate',
      (signal) => migrate(deps, store, target, signal),
      watchStore(deps, store.name, jobOutcomeTimeoutMs / 1000),
    );
    await steps.run('revert', async () => new Skipped('skipped: the update succeeded; nothing to roll back'));
    await recordNewestRevision(deps, store.name, {
      operationId: operation.id,
      actor: operation.startedBy,
      changes: [...changes, ...growthChanges(grown)],
    });
    await deps.repository.finishOperation(operation.id, {
      phase: 'succeeded',
      storeStatus: 'running',
      change: target,
    });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    await failUpdate(deps, steps, operation, store, error, checked, grown);
  }
}

/** Ends a failed update: nothing to undo when the check refused it, else the release goes back to `revision`. */
async function failUpdate(
  deps: ProvisioningDeps,
  steps: StepRecorder<UpdateStep>,
  operation: Operation,
  store: Store,
  failed: StepFailed,
  checked: { target: StoreShape; revision: number } | undefined,
  grown: readonly ClaimGrowth[],
): Promise<void> {
  // The store stays (running, or failed to be repaired): its namespace is there for a kubectl command.
  const finish = (message: string, facts: FailureFacts, storeStatus: 'running' | 'failed') =>
    failOperation(
      deps.repository,
      operation.id,
      failed,
      message,
      { store, facts, retryable: false, leftInPlace: true },
      storeStatus,
    );
  if (failed.step.name === 'check' || !checked) {
    await steps.run('revert', async () => new Skipped('skipped: nothing was applied'));
    await finish(`${failed.message}. Nothing was applied; the store runs as before.`, noFacts, 'running');
    return;
  }
  // A claim cannot shrink: one grown before the failure keeps its new size on the old revision too.
  const kept = grown.length
    ? `; ${grown.map((g) => `claim ${g.claim} keeps ${g.to} (grown from ${g.from})`).join(', ')}: claims never shrink`
    : '';
  const evidence = await ownEvidence(
    deps,
    store.name,
    failed.step.name === 'migrate' ? migrateJobOf(store.name) : undefined,
  );
  // Who tried what, on the failed revision; the rollback's revision is recorded below.
  const changes = shapeChanges(store, checked.target);
  await recordNewestRevision(deps, store.name, {
    operationId: operation.id,
    actor: operation.startedBy,
    changes,
  });
  try {
    await steps.run('revert', async () => {
      // A cancelled upgrade's helm was stopped mid-way and left the release pending-upgrade.
      await deps.helm.unstick(releaseOf(store.name), namespaceOf(store.name));
      await reapplyRevision(deps, store.name, checked.revision, store.secretVersion);
      return `rolled back to revision ${checked.revision}${kept}`;
    });
  } catch (revert) {
    const why = revert instanceof StepFailed ? revert.reason : String(revert);
    await finish(
      `${failed.message}. Rolling back to revision ${checked.revision} also failed: ${why}; repair the store or roll it back from its history`,
      evidence,
      'failed',
    );
    return;
  }
  await recordNewestRevision(deps, store.name, {
    operationId: operation.id,
    actor: operation.startedBy,
    changes: shapeChanges(checked.target, store),
  });
  await finish(
    `${failed.message}. The store was rolled back to revision ${checked.revision} and runs on its previous plan and settings${kept}.`,
    evidence,
    'running',
  );
}
