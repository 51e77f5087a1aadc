import { restoreRequestSchema } from '@store-platform/contracts';

import { explainFailure, noFacts } from '../../domain/failure-explanation.js';
import { namespaceOf, storeHostOf } from '../../domain/naming.js';
import type { Operation, RestoreStep } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { effectiveReplicas } from '../../domain/update.js';
import { engineFor } from '../../engines/index.js';
import { backupsOff } from './backup-flow.js';
import { JobFailed, type BackupJobs } from './backup-jobs.js';
import type { ProvisioningDeps } from './deps.js';
import { ownEvidence } from './ownership.js';
import { failOperation, StepFailed, StepRecorder } from './step-recorder.js';

/** How long the app may take to stop, or to be Ready again, after a scale. */
const scaleTimeoutMs = (deps: ProvisioningDeps) => deps.settings.UPDATE_TIMEOUT_SECONDS * 1000;

/** Scales the app to zero and waits until none of its pods is ready (the uploads claim is then free). */
async function stopApp(deps: ProvisioningDeps, store: Store): Promise<number> {
  const namespace = namespaceOf(store.name);
  const app = engineFor(store.engine).appDeployment(store.name);
  const before = await deps.kube.deploymentReplicas(namespace, app);
  if (!before) throw new Error(`Deployment ${app} does not exist: repair the store first`);
  await deps.kube.scaleDeployment(namespace, app, 0);
  await deps.waitFor(
    `Deployment ${app} to stop`,
    async () => ((await deps.kube.deploymentReplicas(namespace, app))?.ready === 0 ? true : undefined),
    scaleTimeoutMs(deps),
  );
  // A resumed restore finds the app already at zero: the store's own replicas are what it ran.
  return before.desired > 0 ? before.desired : effectiveReplicas(store);
}

/** Scales the app back to `replicas`. */
async function startApp(deps: ProvisioningDeps, store: Store, replicas: number): Promise<string> {
  const app = engineFor(store.engine).appDeployment(store.name);
  await deps.kube.scaleDeployment(namespaceOf(store.name), app, replicas);
  return `Deployment ${app} scaled back to ${replicas}`;
}

/** Waits until every replica of the app is Ready. */
async function appReady(deps: ProvisioningDeps, store: Store): Promise<string> {
  const namespace = namespaceOf(store.name);
  const app = engineFor(store.engine).appDeployment(store.name);
  const seen = await deps.waitFor(
    `Deployment ${app} to be ready`,
    async () => {
      const now = await deps.kube.deploymentReplicas(namespace, app);
      return now && now.desired > 0 && now.ready >= now.desired ? now : undefined;
    },
    scaleTimeoutMs(deps),
  );
  return `${seen.ready} of ${seen.desired} app pods ready`;
}

/** Puts the safety backup back the same way; what was done, or throws with why not. */
async function putBack(
  deps: ProvisioningDeps,
  jobs: BackupJobs,
  store: Store,
  safety: string,
  replicas: number,
) {
  await stopApp(deps, store);
  await jobs.restore(store, safety, {});
  await startApp(deps, store, replicas);
  await appReady(deps, store);
}

/**
 * Restores a backup into its store (POST /stores/{name}/restore, docs/decisions/012-backups.md): checks the archive
 * first (a corrupted or missing one is refused before anything is touched), takes a safety backup, stops the app
 * (the database stays up), runs the restore Job, starts the app again and waits until it is Ready. A failure after
 * the safety backup puts that backup back the same way, so that the store is as it was before the restore.
 */
export async function runRestore(deps: ProvisioningDeps, operation: Operation, store: Store): Promise<void> {
  const steps = new StepRecorder<RestoreStep>(
    deps.repository,
    operation.id,
    operation.steps,
    deps.log,
    deps.now,
  );
  const jobs = deps.backupJobs;
  const request = restoreRequestSchema.safeParse(operation.request ?? {});
  let safety: string | undefined;
  let replicas = effectiveReplicas(store);
  let failedJob: string | undefined;
  const job = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof JobFailed) failedJob = error.job;
      throw error;
    }
  };
  try {
    await steps.run('verify', async () => {
      if (!jobs) throw new Error(backupsOff);
      if (!request.success) throw new Error('the operation names no backup to restore');
      return jobs.check(request.data.backup);
    });
    const backup = request.success ? request.data.backup : '';
    const use = jobs as BackupJobs;
    await steps.run('safety-backup', async () => {
      safety = await job(() => use.takeBackup(store, 'before-restore', operation.id, operation.startedBy));
      return `backup ${safety} of the store as it was`;
    });
    await steps.run('scale-down', async () => {
      replicas = await stopApp(deps, store);
      return `app stopped (it ran ${replicas}); the database stays up`;
    });
    await steps.run('restore', () => job(() => use.restore(store, backup, {})));
    await steps.run('scale-up', () => startApp(deps, store, replicas));
    await steps.run('ready', () => appReady(deps, store));
    await deps.repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'running' });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    const facts = failedJob ? await ownEvidence(deps, store.name, failedJob) : noFacts;
    const context = { store, facts, retryable: false, leftInPlace: true };
    if (!safety || !jobs) {
      const reason = `${error.message}. Nothing was changed: the store keeps running as it was.`;
      await failOperation(deps.repository, operation.id, error, reason, context, 'running');
      return;
    }
    try {
      await putBack(deps, jobs, store, safety, replicas);
    } catch (undo) {
      const why = undo instanceof Error ? undo.message : String(undo);
      const reason = `${error.message}. Putting back the safety backup ${safety} also failed (${why}): restore it once the cause is fixed.`;
      await failOperation(deps.repository, operation.id, error, reason, context, 'failed');
      return;
    }
    const headline = `Restore failed; the store is back to its state before the restore (safety backup ${safety})`;
    const explained = explainFailure({ step: error.step, message: error.reason, ...context });
    await deps.repository.finishOperation(operation.id, {
      phase: 'failed',
      error: {
        step: error.step.name,
        message: `${error.message}. The safety backup ${safety} was put back: the store is back to its state before the restore.`,
        ...explained,
        headline,
        ...(error.kind ? { kind: error.kind } : {}),
      },
      storeStatus: 'running',
      reason: null,
    });
  }
}

/**
 * A clone's restore step (a create with fromBackup): checks the backup, stops the new store's app, restores the
 * backup with the site URL of the new host, and starts the app again.
 */
export async function restoreClone(deps: ProvisioningDeps, store: Store, backup: string): Promise<string> {
  const jobs = deps.backupJobs;
  if (!jobs) throw new Error(backupsOff);
  await jobs.check(backup);
  const siteUrl = `https://${storeHostOf(store.name, deps.settings.BASE_DOMAIN)}`;
  const replicas = await stopApp(deps, store);
  const restored = await jobs.restore(store, backup, { siteUrl });
  await startApp(deps, store, replicas);
  await appReady(deps, store);
  return restored;
}
