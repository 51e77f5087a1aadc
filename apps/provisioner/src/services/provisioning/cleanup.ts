import { namespaceOf, releaseOf } from '../../domain/naming.js';
import { namespaceGoneTimeoutMs, type ProvisioningDeps } from './deps.js';

/** Waits until the store's namespace no longer exists. */
export async function waitNamespaceGone(deps: ProvisioningDeps, store: string): Promise<void> {
  const namespace = namespaceOf(store);
  await deps.waitFor(
    `namespace ${namespace} to be deleted`,
    async () => ((await deps.kube.namespace(namespace)) ? undefined : true),
    namespaceGoneTimeoutMs,
  );
}

/**
 * Removes everything of a store: the Helm release (first un-sticking one left pending by a dead worker), then the
 * namespace, and waits until the namespace is gone. Safe to run again at any point.
 */
export async function removeStore(deps: ProvisioningDeps, store: string): Promise<void> {
  const namespace = namespaceOf(store);
  if (await deps.kube.namespace(namespace)) {
    await deps.helm.unstick(releaseOf(store), namespace);
    await deps.helm.uninstall({ release: releaseOf(store), namespace, timeoutSeconds: 120 });
    await deps.kube.deleteNamespace(namespace);
  }
  await waitNamespaceGone(deps, store);
}
