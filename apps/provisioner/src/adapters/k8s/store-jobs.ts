import * as k8s from '@kubernetes/client-node';

import type { StoreJobs, StoreJobSpec } from '../../ports/kube-client.js';
import { backupJobManifest } from './backup-job.js';

const isStatus = (error: unknown, code: number) => error instanceof k8s.ApiException && error.code === code;

/** Backup and restore Jobs with their short-lived Secret, and the app's scale (KubeClient's StoreJobs). */
export class K8sStoreJobs implements StoreJobs {
  private readonly core: k8s.CoreV1Api;
  private readonly apps: k8s.AppsV1Api;
  private readonly batch: k8s.BatchV1Api;

  constructor(config: k8s.KubeConfig) {
    this.core = config.makeApiClient(k8s.CoreV1Api);
    this.apps = config.makeApiClient(k8s.AppsV1Api);
    this.batch = config.makeApiClient(k8s.BatchV1Api);
  }

  async runStoreJob(
    spec: StoreJobSpec,
    secret: { name: string; data: Record<string, string> },
  ): Promise<void> {
    const { namespace } = spec;
    // One left by an earlier Job (its owner not yet collected) holds old keys: replaced, never reused.
    await this.core.deleteNamespacedSecret({ name: secret.name, namespace }).catch((error: unknown) => {
      if (!isStatus(error, 404)) throw error;
    });
    await this.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: secret.name, labels: spec.labels }, type: 'Opaque', stringData: secret.data },
    });
    // A resumed operation finds its Job made before the worker stopped: that one is awaited, not made again.
    const job = await this.batch
      .createNamespacedJob({ namespace, body: backupJobManifest(spec) })
      .catch((error: unknown) => {
        if (!isStatus(error, 409)) throw error;
        return this.batch.readNamespacedJob({ name: spec.name, namespace });
      });
    // The Secret goes with its Job (garbage collection by owner): the bucket's keys do not outlive the work.
    // https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/
    await this.core.patchNamespacedSecret(
      {
        name: secret.name,
        namespace,
        body: {
          metadata: {
            ownerReferences: [
              { apiVersion: 'batch/v1', kind: 'Job', name: spec.name, uid: job.metadata?.uid ?? '' },
            ],
          },
        },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
  }

  async deploymentReplicas(namespace: string, name: string) {
    try {
      const deployment = await this.apps.readNamespacedDeployment({ name, namespace });
      return {
        desired: deployment.spec?.replicas ?? 1,
        ready: deployment.status?.readyReplicas ?? 0,
      };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async scaleDeployment(namespace: string, name: string, replicas: number): Promise<void> {
    await this.apps.patchNamespacedDeploymentScale(
      { name, namespace, body: { spec: { replicas } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
  }
}
