import { namespaceOf } from '../../domain/naming.js';
import { jobDeleted, type JobManifest } from '../../ports/kube-client.js';
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

/**
 * Waits for a Helm hook Job that Helm's successful install or upgrade waited for, and throws unless it completed:
 * its status, its completion event, or its absence, since Helm deletes a hook Job only once it succeeded
 * (hook-delete-policy hook-succeeded; a failed hook fails Helm's own run) and the Job controller records its event
 * asynchronously: under load later than 30 s (16 of 450 creates in make bench failed so before). `signal` stops it.
 */
export async function hookJobCompleted(
  deps: ProvisioningDeps,
  store: string,
  job: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const outcome = await deps.waitFor(
    `the outcome of Job ${job} (its status or its completion event)`,
    () => {
      signal?.throwIfAborted();
      return deps.kube.jobOutcome(namespaceOf(store), job);
    },
    timeoutMs,
  );
  if (outcome !== 'Completed' && outcome !== jobDeleted)
    throw new Error(`Job ${job} did not complete (${outcome})`);
}
