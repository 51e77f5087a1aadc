import { namespaceOf } from '../../domain/naming.js';
import { storeLabels } from '../../domain/ownership.js';
import type { ProvisioningDeps } from './deps.js';

/** How long a new RoleBinding may take to be applied by the API server's authorizer. */
const bindingAppliedTimeoutMs = 30_000;

/**
 * Gives the provisioner its rights in a store's namespace: a RoleBinding of the STORE_CLUSTER_ROLE ClusterRole to
 * itself (docs/security.md), then waits until the API server authorises it, since RBAC reads bindings through a
 * cache and the next request may otherwise still be refused. Converges when run again. Returns what it did, or
 * undefined when STORE_CLUSTER_ROLE is empty (a provisioner that is cluster admin needs no binding).
 */
export async function ensureStoreAccess(
  deps: ProvisioningDeps,
  store: { name: string; engine: string; plan: string },
): Promise<string | undefined> {
  const role = deps.settings.STORE_CLUSTER_ROLE;
  if (!role) return undefined;
  const namespace = namespaceOf(store.name);
  await deps.kube.grantStoreAccess(namespace, role, storeLabels(store, deps.settings.PLATFORM_INSTANCE));
  await deps.waitFor(
    `the RoleBinding ${role} in namespace ${namespace} to take effect`,
    async () => ((await deps.kube.canManageStore(namespace)) ? true : undefined),
    bindingAppliedTimeoutMs,
  );
  return `RoleBinding ${role} for the provisioner`;
}
