import {
  deleteRequestOf,
  restorable,
  retainedVolumeLabels,
  type DeletionOutcome,
  type RetainedVolume,
} from '../../domain/deletion.js';
import { namespaceOf, releaseOf } from '../../domain/naming.js';
import type { DeleteStep, Operation } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { ensureStoreAccess } from './access.js';
import { waitNamespaceGone } from './cleanup.js';
import { backupSkipReason, retainedMessage, retainSkipReason } from './delete-policy.js';
import type { ProvisioningDeps } from './deps.js';
import { leftUntouched, ownEvidence, storeNamespace } from './ownership.js';
import { failOperation, Skipped, StepFailed, StepRecorder } from './step-recorder.js';

/**
 * The store's namespace when it is this install's, or why a step has nothing to do there: it does not exist, or
 * it is not this install's (never made by the platform, made by another install, or replaced since), and then it
 * is left as it is.
 */
async function ownNamespace(deps: ProvisioningDeps, store: string) {
  const found = await storeNamespace(deps, store);
  if (found.state === 'absent') return new Skipped(`namespace ${namespaceOf(store)} does not exist`);
  if (found.state === 'foreign') return new Skipped(leftUntouched(found.reason));
  return found;
}

/**
 * Deletes a store with the deletion policy (docs/decisions/012-backups.md): a backup first (when backups are
 * configured and the policy or an admin does not skip it; a failed one stops the delete before anything is
 * removed), scale to zero, keep the volumes (retainData: reclaim policy Retain, so that they outlive the
 * namespace), uninstall, delete the namespace, wait until it (and its claims) are gone; then the store leaves the
 * list, kept as a deleted store until its retention ends when it has a backup or volumes to restore from, and its
 * history stays. Re-running it after a crash finishes the job. Every step acts only on a namespace that is this
 * install's store; one that is not is left untouched, each step says why, and the store still leaves the list,
 * since nothing of it is left in the cluster to delete.
 */
export async function runDelete(deps: ProvisioningDeps, operation: Operation, store: Store): Promise<void> {
  const steps = new StepRecorder<DeleteStep>(
    deps.repository,
    operation.id,
    operation.steps,
    deps.log,
    deps.now,
  );
  const namespace = namespaceOf(store.name);
  const release = releaseOf(store.name);
  const request = deleteRequestOf(operation.request);
  const actor = operation.startedBy;
  // A delete queued before the deletion policy existed has neither step: it runs as it was planned.
  const planned = (name: DeleteStep) => operation.steps.some((s) => s.name === name);
  let lastBackupId: string | null = null;
  let retained: RetainedVolume[] = [];
  try {
    if (planned('backup')) {
      await steps.run('backup', async () => {
        const skipped = backupSkipReason(deps, request, actor);
        if (skipped || !deps.backups) return new Skipped(skipped ?? 'backups are not configured');
        const own = await ownNamespace(deps, store.name);
        if (own instanceof Skipped) return own;
        lastBackupId = await deps.backups.takeBackup(store, 'before-delete', operation.id, actor);
        return `backup ${lastBackupId} taken; it is kept ${deps.settings.DELETION_RETENTION_DAYS} days after the delete`;
      });
    }
    await steps.run('scale-down', async () => {
      const own = await ownNamespace(deps, store.name);
      if (own instanceof Skipped) return own;
      // A create that died between making the namespace and binding the provisioner's rights left it unbound.
      if (own.phase === 'Active') await ensureStoreAccess(deps, store);
      await deps.kube.scaleToZero(namespace);
      return 'every Deployment and StatefulSet scaled to zero';
    });
    if (planned('retain')) {
      await steps.run('retain', async () => {
        const skipped = retainSkipReason(deps, request, actor);
        if (skipped) return new Skipped(skipped);
        const own = await ownNamespace(deps, store.name);
        if (own instanceof Skipped) return own;
        const labels = retainedVolumeLabels(store.name, deps.settings.PLATFORM_INSTANCE);
        retained = await deps.kube.retainVolumes(namespace, labels);
        return retainedMessage(retained);
      });
    }
    await steps.run('uninstall', async () => {
      const own = await ownNamespace(deps, store.name);
      if (own instanceof Skipped) return own;
      await deps.helm.unstick(release, namespace);
      await deps.helm.uninstall({ release, namespace, timeoutSeconds: 120 });
      return `release ${release} uninstalled`;
    });
    await steps.run('namespace', async () => {
      const own = await ownNamespace(deps, store.name);
      if (own instanceof Skipped) return own;
      await deps.kube.deleteNamespace(namespace, own.uid);
      return `namespace ${namespace} deleted`;
    });
    await steps.run('wait-gone', async () => {
      const found = await storeNamespace(deps, store.name);
      if (found.state === 'foreign') return new Skipped(leftUntouched(found.reason));
      if (found.state === 'own') await waitNamespaceGone(deps, store.name, found.uid);
      return `namespace ${namespace} and its volume claims are gone`;
    });
    const outcome = {
      lastBackupId: lastBackupId ?? (await latestBackup(deps, store)),
      retainedVolumes: retained,
    };
    await deps.repository.finishOperation(operation.id, {
      phase: 'succeeded',
      storeStatus: 'deleted',
      deletion: { ...outcome, retentionDays: retentionOf(deps, outcome) },
    });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    if (error.step.name === 'backup')
      return failedBackup(deps, operation, store, error, request.statusBefore);
    const facts = await ownEvidence(deps, store.name);
    const reason = `${error.message}. The store is not fully deleted; delete it again to finish.`;
    // A retry would create the store again: the next action is another delete, which the store page offers.
    await failOperation(deps.repository, operation.id, error, reason, {
      store,
      facts,
      retryable: false,
      leftInPlace: true,
    });
  }
}

/**
 * The store's newest backup when the delete took none (skipped by an admin or the policy): a backup taken before
 * keeps it restorable, and its purge then removes the store's backups, which nothing else would.
 */
async function latestBackup(deps: ProvisioningDeps, store: Store): Promise<string | null> {
  if (!deps.backups) return null;
  try {
    return (await deps.backups.latest(store.name))?.id ?? null;
  } catch (error) {
    deps.log('reading the latest backup of a deleted store failed', { store: store.name, err: error });
    return null;
  }
}

/** How long the deleted store stays restorable: the policy's retention, or null when nothing is left to restore. */
const retentionOf = (deps: ProvisioningDeps, outcome: DeletionOutcome) =>
  restorable(outcome) ? deps.settings.DELETION_RETENTION_DAYS : null;

/** A backup that failed stops the delete before anything was removed: the store keeps serving as it did. */
async function failedBackup(
  deps: ProvisioningDeps,
  operation: Operation,
  store: Store,
  error: StepFailed,
  statusBefore: string | undefined,
): Promise<void> {
  const reason =
    `${error.message}. Nothing was removed: the store is untouched. ` +
    'Delete it again once backups work, or an admin may delete it without the backup.';
  const facts = await ownEvidence(deps, store.name);
  await failOperation(
    deps.repository,
    operation.id,
    error,
    reason,
    { store, facts, retryable: false, leftInPlace: true },
    statusBefore === 'running' ? 'running' : 'failed',
  );
}
