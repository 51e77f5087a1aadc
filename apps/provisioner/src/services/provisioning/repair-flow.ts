import { noFacts } from '../../domain/failure-explanation.js';
import { credentialsSecretOf, namespaceOf, releaseOf } from '../../domain/naming.js';
import type { Operation, RepairStep } from '../../domain/operation.js';
import { storeLabels } from '../../domain/ownership.js';
import type { Store } from '../../domain/store.js';
import { engineFor } from '../../engines/index.js';
import { ensureStoreAccess } from './access.js';
import { waitNamespaceGone } from './cleanup.js';
import { createCredentials, install, setupOutcome, storefront } from './create-flow.js';
import type { ProvisioningDeps } from './deps.js';
import { claimStoreNamespace, NotOwned, ownEvidence } from './ownership.js';
import { failOperation, Skipped, StepFailed, StepRecorder } from './step-recorder.js';

/** What the inspection found: whether the install will be a fresh one (its setup Job runs again). */
interface Drift {
  releaseMissing: boolean;
}

/** Says what drifted: the namespace, the release, the workloads; waits out a namespace being deleted. */
async function inspect(deps: ProvisioningDeps, store: Store, drift: Drift): Promise<string> {
  const namespace = namespaceOf(store.name);
  const release = releaseOf(store.name);
  // A namespace of that name that is not this install's store fails here (NotOwned) and is left as it is.
  const found = await claimStoreNamespace(deps, store.name);
  if (found.state === 'own' && found.phase === 'Terminating') {
    await waitNamespaceGone(deps, store.name, found.uid);
  }
  if (found.state !== 'own' || found.phase === 'Terminating') {
    drift.releaseMissing = true;
    return `namespace ${namespace} is missing (deleted outside the platform), and release ${release} with it: both are made again`;
  }
  await ensureStoreAccess(deps, store);
  const status = await deps.helm.status(release, namespace);
  drift.releaseMissing = status === undefined;
  const seen = (await deps.kube.observeStores(deps.settings.PLATFORM_INSTANCE)).get(namespace);
  const workloads = seen?.workloads ?? [];
  const drifted = [
    status === undefined ? `release ${release} is missing` : undefined,
    status !== undefined && status !== 'deployed' ? `release ${release} is ${status}` : undefined,
    workloads.length === 0 ? 'no workloads exist' : undefined,
    ...workloads
      .filter((w) => w.ready < w.desired)
      .map((w) => `${w.name}: ${w.ready} of ${w.desired} pods ready`),
  ].filter((line): line is string => line !== undefined);
  return drifted.length
    ? `${drifted.join('; ')}; the release is installed again`
    : 'nothing drifted that Repair can see (namespace, release deployed, workloads ready); the release is installed again';
}

/** Makes the namespace again where it is missing, and the provisioner's rights in it. */
async function namespaceStep(deps: ProvisioningDeps, store: Store): Promise<string> {
  const namespace = namespaceOf(store.name);
  const existed = (await deps.kube.namespace(namespace)) !== undefined;
  await deps.kube.createNamespace(namespace, {
    ...storeLabels(store, deps.settings.PLATFORM_INSTANCE),
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
  });
  // One made by someone else since the inspection is not ours.
  await claimStoreNamespace(deps, store.name);
  const access = await ensureStoreAccess(deps, store);
  const made = existed ? `namespace ${namespace} exists` : `namespace ${namespace} made again`;
  return `${made}${access ? `; ${access}` : ''}`;
}

/** Keeps the store's credentials; makes new ones only where they are gone (with the namespace, and the data). */
async function secretsStep(deps: ProvisioningDeps, store: Store): Promise<string> {
  const secret = credentialsSecretOf(store.name);
  if (await deps.kube.readSecret(namespaceOf(store.name), secret)) {
    return `kept the store's credentials (secret ${secret})`;
  }
  const made = await createCredentials(deps, store);
  return `${made} made anew: the old credentials were gone. If the namespace was deleted, the store's data (database and uploads) went with it, and a fresh, empty shop is installed`;
}

/**
 * Repairs a Running store whose namespace or release drifted: inspects what drifted, makes the namespace and its
 * rights again where they are missing, keeps the credentials (new ones only where they are gone), installs the
 * release again with the store's recorded values, waits for the setup Job when the install was a fresh one, and
 * checks the storefront. Removes nothing, ever: on failure the store stays Running, its health shows what is
 * wrong, and the operation says which step failed, why, and what the namespace showed. The next health check
 * (within one interval) records the store's health after the repair.
 */
export async function runRepair(deps: ProvisioningDeps, operation: Operation, store: Store): Promise<void> {
  const steps = new StepRecorder<RepairStep>(
    deps.repository,
    operation.id,
    operation.steps,
    deps.log,
    deps.now,
  );
  const drift: Drift = { releaseMissing: false };
  try {
    await steps.run('inspect', () => inspect(deps, store, drift));
    await steps.run('namespace', () => namespaceStep(deps, store));
    await steps.run('secrets', () => secretsStep(deps, store));
    await steps.run('install', () => install(deps, store));
    await steps.run('setup', async () =>
      drift.releaseMissing
        ? setupOutcome(deps, store)
        : new Skipped(
            'skipped: the release was upgraded, not installed anew, so its post-install setup Job did not run; the shop keeps its data',
          ),
    );
    await steps.run('storefront', () => storefront(deps, store));
    await deps.repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'running' });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    const notOwned = error.cause instanceof NotOwned;
    const job = drift.releaseMissing ? engineFor(store.engine).setupJob(store.name) : undefined;
    const facts = notOwned ? noFacts : await ownEvidence(deps, store.name, job);
    const untouched = notOwned ? `: namespace ${namespaceOf(store.name)} was left untouched` : '';
    const reason = `${error.message}. Nothing was removed${untouched}; the store stays Running and its health shows what is wrong; repair again once the cause is fixed.`;
    const context = { store, facts, notOwned, retryable: false, leftInPlace: true };
    await failOperation(deps.repository, operation.id, error, reason, context, 'running');
  }
}
