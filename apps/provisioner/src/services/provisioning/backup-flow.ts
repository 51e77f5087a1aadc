import { noFacts } from '../../domain/failure-explanation.js';
import type { BackupStep, Operation } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { JobFailed } from './backup-jobs.js';
import type { ProvisioningDeps } from './deps.js';
import { ownEvidence } from './ownership.js';
import { failOperation, StepFailed, StepRecorder } from './step-recorder.js';

/** Why a backup or restore cannot run on this worker: backups are not configured. */
export const backupsOff =
  'backups are not configured on this worker (BACKUP_S3_ENDPOINT is empty; the store-platform chart sets it from backups.*)';

/**
 * Takes a backup asked for (POST /stores/{name}/backups): the backup Job dumps the database and archives the uploads
 * to the bucket, then the manifest is awaited and the archive's checksum checked. The store keeps running either
 * way; a failure says why, with the Job's log tail.
 */
export async function runBackup(deps: ProvisioningDeps, operation: Operation, store: Store): Promise<void> {
  const steps = new StepRecorder<BackupStep>(
    deps.repository,
    operation.id,
    operation.steps,
    deps.log,
    deps.now,
  );
  const jobs = deps.backupJobs;
  let failedJob: string | undefined;
  let backupId: string | undefined;
  try {
    await steps.run('backup', async () => {
      if (!jobs) throw new Error(backupsOff);
      const backup = await jobs.recordFor(store, 'manual', operation.id, operation.startedBy);
      backupId = backup.id;
      try {
        return `backup ${backup.id}: ${await jobs.runBackupJob(store, backup)}`;
      } catch (error) {
        if (error instanceof JobFailed) failedJob = error.job;
        throw error;
      }
    });
    await steps.run('verify', async () => {
      const backup = jobs && backupId ? await jobs.get(backupId) : undefined;
      if (!jobs || !backup) throw new Error('the backup record is gone');
      return jobs.completeBackup(store, backup);
    });
    await deps.repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'running' });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    if (jobs && backupId) await jobs.failed(backupId, error.reason);
    const facts = failedJob ? await ownEvidence(deps, store.name, failedJob) : noFacts;
    const reason = `${error.message}. The store was not changed and keeps running.`;
    const context = { store, facts, retryable: false, leftInPlace: true };
    await failOperation(deps.repository, operation.id, error, reason, context, 'running');
  }
}
