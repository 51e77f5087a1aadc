import { namespaceOf } from '../../domain/naming.js';
import type { JobManifest } from '../../ports/kube-client.js';
import type { ProvisioningDeps } from './deps.js';

/** Creates the Job and waits for its outcome; throws unless it completed. */
export async function runJob(
  deps: ProvisioningDeps,
  store: string,
  job: JobManifest,
  signal?: AbortSignal,
): Promise<void> {
  const namespace = namespaceOf(store);
  await deps.kube.createJob(namespace, job);
  const outcome = await deps.waitFor(
    `the outcome of Job ${job.metadata.name}`,
    () => {
      signal?.throwIfAborted();
      return deps.kube.jobOutcome(namespace, job.metadata.name);
    },
    // Its activeDeadlineSeconds ends it before; the margin lets the Job controller record that.
    (deps.settings.BACKUP_JOB_TIMEOUT_SECONDS + 30) * 1000,
  );
  if (outcome !== 'Completed') throw new Error(`Job ${job.metadata.name} did not complete (${outcome})`);
}
