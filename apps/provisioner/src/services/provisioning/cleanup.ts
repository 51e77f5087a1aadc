import { namespaceOf, releaseOf } from '../../domain/naming.js';
import { namespaceGoneTimeoutMs, type ProvisioningDeps } from './deps.js';
import { leftUntouched, storeNamespace } from './ownership.js';

/**
 * Waits until the store's namespace with this UID no longer exists (a namespace of the same name made since by
 * someone else is not waited for).
 */
export async function waitNamespaceGone(deps: ProvisioningDeps, store: string, uid: string): Promise<void> {
  const namespace = namespaceOf(store);
  await deps.waitFor(
    `namespace ${namespace} to be deleted`,
    async () => ((await deps.kube.namespace(namespace))?.uid === uid ? undefined : true),
    namespaceGoneTimeoutMs,
  );
}

/**
 * Removes everything of a store: the Helm release (first un-sticking one left pending by a dead worker), then the
 * namespace, and waits until the namespace is gone. Only a namespace of this install's store is touched (and
 * deleted only while it is the one checked, by its UID); another one of that name is left as it is, and the
 * returned sentence says so. Safe to run again at any point.
 */
export async function removeStore(deps: ProvisioningDeps, store: string): Promise<string | undefined> {
  const namespace = namespaceOf(store);
  const found = await storeNamespace(deps, store);
  if (found.state === 'foreign') return `namespace ${namespace} was ${leftUntouched(found.reason)}`;
  if (found.state === 'own') {
    // Without its rights in the namespace (a create that failed to bind them) Helm can read nothing there, and
    // nothing was installed: the namespace's deletion removes what is in it.
    const canManage = !deps.settings.STORE_CLUSTER_ROLE || (await deps.kube.canManageStore(namespace));
    if (canManage) {
      await deps.helm.unstick(releaseOf(store), namespace);
      await deps.helm.uninstall({ release: releaseOf(store), namespace, timeoutSeconds: 120 });
    }
    await deps.kube.deleteNamespace(namespace, found.uid);
    await waitNamespaceGone(deps, store, found.uid);
  }
  return undefined;
}
