import { namespaceOf, releaseOf } from '../../domain/naming.js';
import type { Operation } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { ensureStoreAccess } from './access.js';
import { waitNamespaceGone } from './cleanup.js';
import type { ProvisioningDeps } from './deps.js';
import { Skipped, StepFailed, StepRecorder } from './step-recorder.js';

/**
 * Deletes a store: scale to zero, uninstall, delete the namespace, wait until it (and its claims) are gone; then the
 * store leaves the list and its history stays. Re-running it after a crash finishes the job.
 */
export async function runDelete(deps: ProvisioningDeps, operation: Operation, store: Store): Promise<void> {
  const steps = new StepRecorder(deps.repository, operation.id, operation.steps);
  const namespace = namespaceOf(store.name);
  const release = releaseOf(store.name);
  try {
    await steps.run('scale-down', async () => {
      const existing = await deps.kube.namespace(namespace);
      if (!existing) return new Skipped(`namespace ${namespace} does not exist`);
      // A create that died between making the namespace and binding the provisioner's rights left it unbound.
      if (existing.phase === 'Active') await ensureStoreAccess(deps, store);
      await deps.kube.scaleToZero(namespace);
      return 'every Deployment and StatefulSet scaled to zero';
    });
    await steps.run('uninstall', async () => {
      if (!(await deps.kube.namespace(namespace)))
        return new Skipped(`namespace ${namespace} does not exist`);
      await deps.helm.unstick(release, namespace);
      await deps.helm.uninstall({ release, namespace, timeoutSeconds: 120 });
      return `release ${release} uninstalled`;
    });
    await steps.run('namespace', async () => {
      await deps.kube.deleteNamespace(namespace);
      return `namespace ${namespace} deleted`;
    });
    await steps.run('wait-gone', async () => {
      await waitNamespaceGone(deps, store.name);
      return `namespace ${namespace} and its volume claims are gone`;
    });
    await deps.repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'deleted' });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    const evidence = await deps.kube
      .evidence(namespace)
      .catch((e: unknown) => [`evidence could not be collected: ${String(e)}`]);
    const reason = `${error.message}. The store is not fully deleted; delete it again to finish.`;
    await deps.repository.finishOperation(operation.id, {
      phase: 'failed',
      error: { step: error.step.name, message: reason, evidence },
      storeStatus: 'failed',
      reason,
    });
  }
}
