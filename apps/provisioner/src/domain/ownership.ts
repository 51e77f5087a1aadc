import { namespaceOf, releaseOf } from './naming.js';

/** The label that names the install of the platform (its Helm release, PLATFORM_INSTANCE) a store belongs to. */
export const instanceLabel = 'store-platform.io/instance';
const storeLabel = 'store-platform.io/store';
const managedBy = ['app.kubernetes.io/managed-by', 'store-platform-provisioner'] as const;

/** Labels of everything the platform creates for a store: its namespace, Secret and RoleBinding. */
export const storeLabels = (store: { name: string; engine: string; plan: string }, instance: string) => ({
  'app.kubernetes.io/part-of': 'store-platform',
  [managedBy[0]]: managedBy[1],
  [storeLabel]: store.name,
  'store-platform.io/engine': store.engine,
  'store-platform.io/plan': store.plan,
  [instanceLabel]: instance,
});

/**
 * Why the namespace is not this install's namespace of `store`, in words an operator can act on, or undefined when
 * it is. Only a namespace this install labelled for this store is its own to install into, uninstall from or
 * delete: one an administrator made, or another install of the platform in the same cluster, is left alone.
 * A store namespace without the install label (made before installs were labelled) is adopted by an
 * administrator's label, never by the provisioner: two older installs labelled their stores alike, so nothing
 * in the cluster tells which one made it.
 */
export function foreignNamespaceReason(
  namespace: { name: string; labels: Record<string, string> },
  store: string,
  instance: string,
): string | undefined {
  const { name, labels } = namespace;
  if (labels[storeLabel] !== store)
    return `namespace ${name} is not this platform's: it has no label ${storeLabel}=${store}`;
  if (labels[managedBy[0]] !== managedBy[1]) {
    return `namespace ${name} is not this platform's: it has no label ${managedBy[0]}=${managedBy[1]}`;
  }
  const owner = labels[instanceLabel];
  if (owner === undefined) {
    return `namespace ${name} has no label ${instanceLabel} (it was made before installs were labelled, or by hand); if it is a store of this install, label it: kubectl label namespace ${name} ${instanceLabel}=${instance}`;
  }
  if (owner !== instance) {
    return `namespace ${name} belongs to another install of the platform (${instanceLabel}=${owner}), not to this one (${instance})`;
  }
  return undefined;
}

/**
 * Why a store may not be called `name` in this install, or undefined: its namespace would be the platform's own
 * namespace, or its Helm release would have the name of the platform's release. Empty names (the platform running
 * on this host, `make up`'s simulated and host modes) reserve nothing.
 */
export function platformNameClash(
  name: string,
  platform: { namespace: string; release: string },
): string | undefined {
  if (platform.namespace && namespaceOf(name) === platform.namespace) {
    return `store name "${name}" is reserved: its namespace ${namespaceOf(name)} is the platform's own`;
  }
  if (platform.release && releaseOf(name) === platform.release) {
    return `store name "${name}" is reserved: its Helm release ${releaseOf(name)} would have the name of the platform's own release`;
  }
  return undefined;
}
