import { ClusterError } from '../../domain/errors.js';
import { noFacts, type FailureFacts } from '../../domain/failure-explanation.js';
import { namespaceOf } from '../../domain/naming.js';
import { foreignNamespaceReason, platformNameClash } from '../../domain/ownership.js';
import type { ProvisioningDeps } from './deps.js';

/** The namespace `store-{name}` as this install sees it: absent, its own (with the UID checked), or not its own. */
export type StoreNamespace =
  | { state: 'absent' }
  | { state: 'own'; uid: string; phase: 'Active' | 'Terminating' }
  | { state: 'foreign'; reason: string };

/**
 * Thrown where what a store would use is not this install's: a namespace of that name that another party or
 * another install of the platform made, or the platform's own names. Nothing of it may be removed.
 */
export class NotOwned extends ClusterError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'NotOwned';
  }
}

/** Reads the store's namespace and says whether it is this install's (domain/ownership.ts has the rule). */
export async function storeNamespace(deps: ProvisioningDeps, store: string): Promise<StoreNamespace> {
  const name = namespaceOf(store);
  const found = await deps.kube.namespace(name);
  if (!found) return { state: 'absent' };
  const reason = foreignNamespaceReason(
    { name, labels: found.labels },
    store,
    deps.settings.PLATFORM_INSTANCE,
  );
  return reason ? { state: 'foreign', reason } : { state: 'own', uid: found.uid, phase: found.phase };
}

/** Throws NotOwned when the store's name is the platform's own, or its namespace exists and is not this install's. */
export async function claimStoreNamespace(deps: ProvisioningDeps, store: string): Promise<StoreNamespace> {
  const clash = platformNameClash(store, {
    namespace: deps.settings.PLATFORM_NAMESPACE,
    release: deps.settings.PLATFORM_INSTANCE,
  });
  if (clash) throw new NotOwned(clash);
  const found = await storeNamespace(deps, store);
  if (found.state === 'foreign') throw new NotOwned(found.reason);
  return found;
}

/** What a step that leaves a namespace alone says. */
export const leftUntouched = (reason: string) => `left untouched: ${reason}`;

/**
 * The failure evidence of the store's namespace (events, pods, a Job's log tail) when it is this install's; none
 * from a namespace that is not, whose events and logs are not the platform's to read or show.
 */
export async function ownEvidence(
  deps: ProvisioningDeps,
  store: string,
  job?: string,
): Promise<FailureFacts> {
  try {
    const found = await storeNamespace(deps, store);
    return found.state === 'own' ? await deps.kube.evidence(namespaceOf(store), job) : noFacts;
  } catch (error) {
    return { problems: [], notes: [`evidence could not be collected: ${String(error)}`] };
  }
}
