import { randomInt } from 'node:crypto';

import type { StoreCatalog } from '@store-platform/contracts';

import { planRequests } from '../../domain/catalog.js';
import { ClusterError } from '../../domain/errors.js';
import { noFacts } from '../../domain/failure-explanation.js';
import { credentialsSecretOf, namespaceOf, releaseOf, storeHostOf } from '../../domain/naming.js';
import {
  catalogOf,
  cloneSourceOf,
  OperationCancelled,
  type CreateStep,
  type Operation,
} from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { engineFor } from '../../engines/index.js';
import { storeLabels } from '../../domain/ownership.js';
import { ensureStoreAccess } from './access.js';
import { removeStore, waitNamespaceGone } from './cleanup.js';
import { restoreClone } from './restore-flow.js';
import { hookJobCompleted } from './run-job.js';
import type { ProvisioningDeps } from './deps.js';
import { claimStoreNamespace, NotOwned, ownEvidence } from './ownership.js';
import { failOperation, Skipped, StepFailed, StepRecorder } from './step-recorder.js';
import { watchStore } from './step-watch.js';
import { storeValues } from './store-values.js';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** A random alphanumeric secret of `length` characters (no character a shell or a URL would need escaped). */
export const randomSecret = (length: number) =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
/** How long the setup step waits for the Job controller to record the outcome of a Job Helm saw finish. */
const jobOutcomeTimeoutMs = 30_000;
const cpus = (millis: number) => `${(millis / 1000).toFixed(1)} CPU`;
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/** What the pre-flight learnt for the later steps of the same attempt. */
interface Attempt {
  /** No namespace of the store existed: nothing of an earlier attempt (a release to un-stick) can be in it. */
  freshNamespace: boolean;
}

async function preflight(deps: ProvisioningDeps, store: Store, attempt: Attempt): Promise<string> {
  // A namespace of that name that is not this install's store is refused, and left as it is (NotOwned).
  const existing = await claimStoreNamespace(deps, store.name);
  const own = existing.state === 'own' ? existing : undefined;
  attempt.freshNamespace = existing.state !== 'own';
  // A namespace of this store that is still terminating (an earlier attempt's cleanup) must be gone first.
  if (own?.phase === 'Terminating') await waitNamespaceGone(deps, store.name, own.uid);
  // A worker that died between making the namespace and binding its rights left a namespace it cannot read yet.
  if (own?.phase === 'Active') await ensureStoreAccess(deps, store);
  const leftover = own?.phase === 'Active' ? await interruptedInstall(deps, store.name) : undefined;
  const storageClass = deps.settings.STORAGE_CLASS;
  // Three independent reads of the cluster, together (the pre-flight is on every create's path).
  const [storageClassFound, ingressClassFound, free] = await Promise.all([
    deps.kube.storageClassExists(storageClass || undefined),
    deps.kube.ingressClassExists(deps.settings.INGRESS_CLASS),
    deps.kube.allocatable(),
  ]);
  // The store's claims would stay Pending for ever: say so before anything is made, and what fixes it.
  if (!storageClassFound) {
    throw new ClusterError(
      'not_found',
      storageClass
        ? `storage class "${storageClass}" does not exist in this cluster, so the store's volumes cannot be created; an administrator creates it, or sets the platform's global.storageClass to a class that exists (kubectl get storageclass)`
        : "the cluster has no default storage class, so the store's volumes cannot be created; an administrator marks one as the default, or sets the platform's global.storageClass to a class that exists (kubectl get storageclass)",
    );
  }
  if (!ingressClassFound) {
    throw new ClusterError('not_found', `ingress class "${deps.settings.INGRESS_CLASS}" does not exist`);
  }
  const needed = planRequests[store.plan];
  if (free.cpuMillis < needed.cpuMillis || free.memoryBytes < needed.memoryBytes) {
    throw new ClusterError(
      'quota_exceeded',
      `the cluster has ${cpus(free.cpuMillis)} and ${gib(free.memoryBytes)} free; plan ${store.plan} needs ${cpus(needed.cpuMillis)} and ${gib(needed.memoryBytes)}`,
    );
  }
  const capacity = `capacity: ${cpus(free.cpuMillis)} and ${gib(free.memoryBytes)} free`;
  return leftover ? `${leftover}; ${capacity}` : capacity;
}

/**
 * Removes what an install interrupted by a dying worker left, and says so; undefined when there is none. Its
 * release is still pending-install and its objects are half made: a hook Job that Helm never got to delete keeps
 * mounting the uploads claim. Uninstalling and installing again at once (`unstick`, then the install) would adopt
 * objects that are still being deleted (that claim, held Terminating by the Job's pod), and the new app pod would
 * wait for them until the install timed out. A release pending its first install was never deployed, so the store
 * never ran and nothing of it is worth keeping: everything goes, namespace included, and the create starts again.
 */
async function interruptedInstall(deps: ProvisioningDeps, store: string): Promise<string | undefined> {
  const status = await deps.helm.status(releaseOf(store), namespaceOf(store));
  if (status !== 'pending-install') return undefined;
  await removeStore(deps, store);
  return 'removed what an interrupted install had left, to start again';
}

/**
 * Creates the store's credentials Secret with new random passwords (an existing one is kept, its passwords may be
 * in use by the store's database); returns what the step says.
 */
export async function createCredentials(deps: ProvisioningDeps, store: Store): Promise<string> {
  const generated = Object.fromEntries(
    Object.entries(engineFor(store.engine).generatedSecrets).map(([key, length]) => [
      key,
      randomSecret(length),
    ]),
  );
  const data = {
    ...generated,
    'admin-user': 'admin',
    'admin-email': `admin@${storeHostOf(store.name, deps.settings.BASE_DOMAIN)}`,
  };
  const labels = storeLabels(store, deps.settings.PLATFORM_INSTANCE);
  await deps.kube.createSecret(namespaceOf(store.name), credentialsSecretOf(store.name), data, labels);
  return `secret ${credentialsSecretOf(store.name)} (${Object.keys(data).length} keys)`;
}

/**
 * Waits for the outcome of the release's post-install setup Job; throws unless it completed, or at once when
 * `signal` aborts (a cancel).
 */
export async function setupOutcome(
  deps: ProvisioningDeps,
  store: Store,
  signal?: AbortSignal,
): Promise<string> {
  const job = engineFor(store.engine).setupJob(store.name);
  // Helm has waited for the hook, but the Job controller records its event a moment later: wait, bounded.
  await hookJobCompleted(deps, store.name, job, jobOutcomeTimeoutMs, signal);
  return `Job ${job} completed`;
}

/** How long the install's `helm --wait` waits: 70% of the operation's time, leaving the rest to clean up. */
export const installTimeoutSeconds = (deps: ProvisioningDeps) =>
  Math.max(60, Math.floor(deps.settings.OPERATION_TIMEOUT_SECONDS * 0.7));

/**
 * Installs or upgrades the store's release with its recorded values, after un-sticking a pending one (unless the
 * namespace is new: `fresh`, which saves a Helm run, a tenth of a second, measured by make bench); `signal` (a
 * cancel) stops Helm.
 */
export async function install(
  deps: ProvisioningDeps,
  store: Store,
  signal?: AbortSignal,
  fresh = false,
  catalog?: StoreCatalog,
): Promise<string> {
  const namespace = namespaceOf(store.name);
  const release = releaseOf(store.name);
  if (!fresh) await deps.helm.unstick(release, namespace);
  const { settings } = deps;
  await deps.helm.upgradeInstall({
    release,
    namespace,
    chart: settings.STORE_CHART,
    valuesFiles: settings.STORE_VALUES_FILES,
    timeoutSeconds: installTimeoutSeconds(deps),
    values: storeValues(store, settings),
    // A create's starter catalog, loaded by the setup Job; later upgrades leave it out (its products stay).
    ...(catalog ? { jsonValues: { 'catalog.products': catalog.products } } : {}),
    signal,
  });
  const count = catalog?.products.length ?? 0;
  const loaded = catalog ? `; its setup loads ${count} starter product${count === 1 ? '' : 's'}` : '';
  return `release ${release} deployed; every workload is ready${loaded}`;
}

/** Why the storefront is not checked when STOREFRONT_CHECK is off (the create's step and the health checks say it). */
export const storefrontCheckOff =
  'the storefront check is off (STOREFRONT_CHECK=false), as on the simulated cluster where no workload serves HTTP';

/** The storefront through the store's Service, inside the cluster: what the worker GETs to see that it serves. */
export function storefrontUrl(store: Pick<Store, 'name' | 'engine'>): string {
  const engine = engineFor(store.engine);
  return `http://${store.name}-app.${namespaceOf(store.name)}.svc:${engine.appPort}${engine.storefrontPath}`;
}

/** Waits until the storefront answers below 400 through its Service; skipped when the check is off. */
export async function storefront(deps: ProvisioningDeps, store: Store): Promise<string | Skipped> {
  if (!deps.settings.STOREFRONT_CHECK) return new Skipped(`skipped: ${storefrontCheckOff}`);
  const url = storefrontUrl(store);
  const status = await deps.waitFor(
    `${url} to answer`,
    async () => {
      const code = await deps.httpStatus(url);
      return code < 400 ? code : undefined;
    },
    120_000,
  );
  return `${url} answered HTTP ${status}`;
}

/**
 * Creates a store: pre-flight, namespace, secrets, Helm release with its setup hook, storefront check. Every step
 * converges when re-run (a retry, or a worker resuming after a crash). On failure or cancel, the evidence is collected,
 * everything the store had is removed, and the error says which step failed and why. A namespace of that name
 * that is not this install's store (ownership.ts) fails the pre-flight and is neither read nor removed.
 */
export async function runCreate(deps: ProvisioningDeps, operation: Operation, store: Store): Promise<void> {
  const steps = new StepRecorder<CreateStep>(
    deps.repository,
    operation.id,
    operation.steps,
    deps.log,
    deps.now,
  );
  const namespace = namespaceOf(store.name);
  const engine = engineFor(store.engine);
  const labels = storeLabels(store, deps.settings.PLATFORM_INSTANCE);
  const attempt: Attempt = { freshNamespace: false };
  try {
    await steps.run('preflight', () => preflight(deps, store, attempt));
    await steps.run('namespace', async () => {
      await deps.kube.createNamespace(namespace, {
        ...labels,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      });
      // Creating one that exists is not an error: one made by someone else since the pre-flight is not ours.
      await claimStoreNamespace(deps, store.name);
      const access = await ensureStoreAccess(deps, store);
      return `namespace ${namespace} (Pod Security: restricted)${access ? `; ${access}` : ''}`;
    });
    await steps.run('secrets', () => createCredentials(deps, store));
    // The long waits show their pods' problems and deadline, and stop on a cancel (step-watch.ts).
    await steps.run(
      'install',
      (signal) => install(deps, store, signal, attempt.freshNamespace, catalogOf(operation.request)),
      watchStore(deps, store.name, installTimeoutSeconds(deps)),
    );
    await steps.run(
      'setup',
      (signal) => setupOutcome(deps, store, signal),
      watchStore(deps, store.name, jobOutcomeTimeoutMs / 1000),
    );
    // A clone (POST /stores with fromBackup) restores its backup into the fresh store, under its own host.
    const clone = cloneSourceOf(operation.request);
    if (clone) await steps.run('restore', () => restoreClone(deps, store, clone));
    await steps.run('storefront', () => storefront(deps, store));
    await deps.repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'running' });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    // What is not this install's is neither read for evidence nor removed, and the reason says so.
    const notOwned = error.cause instanceof NotOwned;
    // A pre-flight failure ran nothing in the namespace: no events, pods or Job of this attempt to show.
    const facts =
      notOwned || error.step.name === 'preflight'
        ? noFacts
        : await ownEvidence(deps, store.name, engine.setupJob(store.name));
    let reason = error.message;
    let leftInPlace = true;
    try {
      const left = notOwned
        ? `namespace ${namespace} was left untouched`
        : await removeStore(deps, store.name);
      leftInPlace = Boolean(left);
      const next =
        error.cause instanceof OperationCancelled ? 'retry or delete it' : 'retry when the cause is fixed';
      reason += left
        ? `. Nothing was removed: ${left}.`
        : `. Everything created for the store was removed; ${next}.`;
    } catch (cleanup) {
      reason += `. Cleaning up also failed: ${cleanup instanceof Error ? cleanup.message : String(cleanup)}`;
    }
    const context = { store, facts, notOwned, retryable: true, leftInPlace };
    await failOperation(deps.repository, operation.id, error, reason, context);
  }
}
