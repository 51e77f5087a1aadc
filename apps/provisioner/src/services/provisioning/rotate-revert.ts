import type { RotationKind } from '@store-platform/contracts';

import { noFacts, type FailureFacts } from '../../domain/failure-explanation.js';
import { namespaceOf, releaseOf } from '../../domain/naming.js';
import type { Operation, RotateStep } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import type { ProvisioningDeps } from './deps.js';
import { ownEvidence } from './ownership.js';
import { reapplyRevision, recordNewestRevision } from './revisions.js';
import { runJob } from './run-job.js';
import { dropDatabaseUserJob, rotationJobName, type RotationJobTarget } from './rotation-jobs.js';
import type { StepRecorder } from './step-recorder.js';
import { Skipped, StepFailed, failOperation } from './step-recorder.js';

/** A rotation in progress: what it renews, its versions and Secrets, and what its steps found. */
export interface Rotation {
  what: RotationKind;
  current: number;
  next: number;
  currentSecret: string;
  nextSecret: string;
  target: RotationJobTarget;
  /** The database users of versions N and N+1 (WooCommerce), once prepared. */
  oldUser: string | undefined;
  newUser: string | undefined;
  /** The release's revision before the rollout, once prepared. */
  revision: number | undefined;
}

/** The Job whose log explains a failed step, if one ran. */
const jobOf = (store: string, step: string, next: number): string | undefined =>
  ({
    'database-user': rotationJobName(store, 'db-user', next),
    'admin-password': rotationJobName(store, 'admin', next),
    retire: rotationJobName(store, 'retire', next),
  })[step];

/**
 * Undoes what a failed rotation made, newest first: the release back on version N (the revision it ran, with
 * version N: still valid, as its database user was not dropped), the new database user dropped, Secret N+1
 * deleted. Returns what it did, in words.
 */
async function undo(deps: ProvisioningDeps, store: Store, failed: RotateStep, rotation: Rotation) {
  const done: string[] = [];
  const rolled = failed === 'rollout' && rotation.what !== 'admin';
  if (rolled && rotation.revision !== undefined) {
    // A cancelled or timed-out helm left the release pending-upgrade.
    await deps.helm.unstick(releaseOf(store.name), namespaceOf(store.name));
    await reapplyRevision(deps, store.name, rotation.revision, rotation.current);
    done.push(`rolled back to revision ${rotation.revision} on version ${rotation.current}`);
  }
  if (rotation.what === 'database' && rotation.newUser) {
    const name = rotationJobName(store.name, 'undo', rotation.next);
    const job = dropDatabaseUserJob(
      rotation.target,
      deps.settings.BACKUP_IMAGE,
      rotation.currentSecret,
      rotation.newUser,
      name,
    );
    await runJob(deps, store.name, job);
    done.push(`database user ${rotation.newUser} dropped`);
  }
  await deps.kube.deleteSecret(namespaceOf(store.name), rotation.nextSecret);
  done.push(`Secret ${rotation.nextSecret} deleted`);
  return done.join('; ');
}

/**
 * Ends a failed rotation. Before the store ran on version N+1, what was made is undone and the store keeps
 * running on version N; a failure to drop the old database user (after the rollout) leaves the store on N+1,
 * which works, with the old user still there, said so.
 */
export async function failRotation(
  deps: ProvisioningDeps,
  steps: StepRecorder<RotateStep>,
  operation: Operation,
  store: Store,
  failed: StepFailed,
  rotation: Rotation,
): Promise<void> {
  const step = failed.step.name as RotateStep;
  const finish = (message: string, facts: FailureFacts, storeStatus: 'running' | 'failed') =>
    failOperation(
      deps.repository,
      operation.id,
      failed,
      message,
      { store, facts, retryable: false, leftInPlace: true },
      storeStatus,
    );
  const job = jobOf(store.name, step, rotation.next);
  const evidence = step === 'prepare' ? noFacts : await ownEvidence(deps, store.name, job);
  if (step === 'prepare') {
    await steps.run('revert', async () => new Skipped('skipped: nothing was made'));
    await finish(
      `${failed.message}. Nothing was changed; the store runs on its credentials version ${rotation.current}.`,
      evidence,
      'running',
    );
    return;
  }
  if (step === 'retire') {
    await deps.repository.recordSecretVersion(store.name, {
      version: rotation.next,
      what: rotation.what,
      operationId: operation.id,
      actor: operation.startedBy,
    });
    await recordNewestRevision(deps, store.name, {
      operationId: operation.id,
      actor: operation.startedBy,
      changes: [{ field: 'secrets.version', from: rotation.current, to: rotation.next }],
    });
    await steps.run('revert', async () => new Skipped('skipped: the store runs on the new version'));
    await finish(
      `${failed.message}. The store runs on its new credentials (version ${rotation.next}); the old database user ${rotation.oldUser} still exists with the old password: drop it by hand (docs/operations.md, "Secret rotation")`,
      evidence,
      'running',
    );
    return;
  }
  try {
    await steps.run('revert', () => undo(deps, store, step, rotation));
  } catch (revert) {
    const why = revert instanceof StepFailed ? revert.reason : String(revert);
    await finish(
      `${failed.message}. Going back to version ${rotation.current} also failed: ${why}; repair the store`,
      evidence,
      'failed',
    );
    return;
  }
  if (step === 'rollout') {
    await recordNewestRevision(deps, store.name, {
      operationId: operation.id,
      actor: operation.startedBy,
      changes: [{ field: 'secrets.version', from: rotation.next, to: rotation.current }],
    });
  }
  await finish(
    `${failed.message}. The store runs on its previous credentials (version ${rotation.current}); nothing of the rotation is left.`,
    evidence,
    'running',
  );
}
