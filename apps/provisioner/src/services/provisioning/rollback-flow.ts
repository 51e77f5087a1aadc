import { rollbackRequestSchema } from '@store-platform/contracts';

import { namespaceOf, releaseOf } from '../../domain/naming.js';
import type { Operation, RollbackStep } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { shapeChanges, type StoreShape } from '../../domain/update.js';
import type { ProvisioningDeps } from './deps.js';
import { noFacts, type FailureFacts } from '../../domain/failure-explanation.js';
import { ownEvidence } from './ownership.js';
import {
  allowedVersions,
  deployedRevision,
  reapplyRevision,
  recordNewestRevision,
  shapeFromValues,
} from './revisions.js';
import { StepFailed, StepRecorder, failOperation } from './step-recorder.js';

/** How long the verify step waits for every workload to be ready after the upgrade's `--wait` returned. */
const verifyTimeoutMs = 60_000;

/** Why the store cannot go back to `revision`, or what it would run on there and the revision it runs now. */
async function check(deps: ProvisioningDeps, store: Store, revision: number) {
  const history = await deps.helm.history(releaseOf(store.name), namespaceOf(store.name));
  const current = history.find((r) => r.status === 'deployed')?.revision;
  if (!history.some((r) => r.revision === revision)) {
    throw new Error(`revision ${revision} does not exist (the release has ${history.length} revisions)`);
  }
  if (current === undefined) throw new Error('the release has no deployed revision to go back from');
  if (current === revision) throw new Error(`revision ${revision} is the one the store runs now`);
  const values = await deps.helm.values(releaseOf(store.name), namespaceOf(store.name), revision);
  const target = shapeFromValues(values, store.engine, allowedVersions(deps.settings, store.engine), store);
  return { current, target };
}

/**
 * Rolls a running store back to an earlier revision of its release: check it exists and is not the current one,
 * `helm upgrade --wait` with that revision's values (reapplyRevision: claims keep their live, possibly grown,
 * size), verify every workload is ready; on success the store records that revision's plan and settings. On
 * failure the release is rolled forward to the revision it ran, and the operation says why.
 */
export async function runRollback(deps: ProvisioningDeps, operation: Operation, store: Store): Promise<void> {
  const steps = new StepRecorder<RollbackStep>(
    deps.repository,
    operation.id,
    operation.steps,
    deps.log,
    deps.now,
  );
  const { revision } = rollbackRequestSchema.parse(operation.request ?? {});
  const release = releaseOf(store.name);
  const namespace = namespaceOf(store.name);
  let checked: { current: number; target: StoreShape } | undefined;
  try {
    await steps.run('check', async () => {
      checked = await check(deps, store, revision);
      return `revision ${revision} exists; the store runs revision ${checked.current}`;
    });
    const { target } = checked as NonNullable<typeof checked>;
    await steps.run('rollback', async () => {
      await reapplyRevision(deps, store.name, revision, store.secretVersion);
      return `release ${release} upgraded with revision ${revision}'s values; claims keep their size`;
    });
    await steps.run('verify', async () => {
      await deps.waitFor(
        'every workload to be ready',
        async () => ((await deps.kube.unreadyWorkloads(namespace)).length === 0 ? true : undefined),
        verifyTimeoutMs,
      );
      return 'every workload is ready';
    });
    await recordNewestRevision(deps, store.name, {
      operationId: operation.id,
      actor: operation.startedBy,
      changes: shapeChanges(store, target),
    });
    await deps.repository.finishOperation(operation.id, {
      phase: 'succeeded',
      storeStatus: 'running',
      change: target,
    });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    await failRollback(deps, operation, store, error, checked?.current);
  }
}

/** Ends a failed rollback: nothing to undo when the check refused it, else forward to the revision it ran. */
async function failRollback(
  deps: ProvisioningDeps,
  operation: Operation,
  store: Store,
  failed: StepFailed,
  previous: number | undefined,
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
  if (failed.step.name === 'check' || previous === undefined) {
    await finish(`${failed.message}. Nothing was changed; the store runs as before.`, noFacts, 'running');
    return;
  }
  const evidence = await ownEvidence(deps, store.name);
  try {
    // Forward again: the revision the store ran before is the state it is known to work in.
    await reapplyRevision(deps, store.name, previous, store.secretVersion);
  } catch (forward) {
    const why = forward instanceof Error ? forward.message : String(forward);
    await finish(
      `${failed.message}. Returning to revision ${previous} also failed: ${why}; repair the store`,
      evidence,
      'failed',
    );
    return;
  }
  await recordNewestRevision(deps, store.name, {
    operationId: operation.id,
    actor: operation.startedBy,
    changes: [],
  });
  const now = await deployedRevision(deps, store.name);
  await finish(
    `${failed.message}. The store was returned to what revision ${previous} deployed${now ? ` (now revision ${now})` : ''} and runs on its previous plan and settings.`,
    evidence,
    'running',
  );
}
