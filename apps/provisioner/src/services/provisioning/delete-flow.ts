import { namespaceOf, releaseOf } from '../../domain/naming.js';
import type { DeleteStep, Operation } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { ensureStoreAccess } from './access.js';
import { waitNamespaceGone } from './cleanup.js';
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
 * Deletes a store: scale to zero, uninstall, delete the namespace, wait until it (and its claims) are gone; then the
 * store leaves the list and its history stays. Re-running it after a crash finishes the job. Every step acts only
 * on a namespace that is this install's store; one that is not is left untouched, each step says why, and the
 * store still leaves the list, since nothing of it is left in the cluster to delete.
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
  try {
    await steps.run('scale-down', async () => {
      const own = await ownNamespace(deps, store.name);
      if (own instanceof Skipped) return own;
      // A create that died between making the namespace and binding the provisioner's rights left it unbound.
      if (own.phase === 'Active') await ensureStoreAccess(deps, store);
      await deps.kube.scaleToZero(namespace);
      return 'every Deployment and StatefulSet scaled to zero';
    });
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
    await deps.repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'deleted' });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
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
