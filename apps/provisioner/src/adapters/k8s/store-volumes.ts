import * as k8s from '@kubernetes/client-node';

import type { RetainedVolume } from '../../domain/deletion.js';

/**
 * The PersistentVolumes of a store's claims, kept past its namespace by the deletion policy, and their release at
 * the purge (KubeClient.retainVolumes, labelledVolumes, releaseVolume). PersistentVolumes are cluster-scoped: the
 * provisioner's ClusterRole needs get, list and patch on them (the store-platform chart's RBAC).
 */
export class StoreVolumes {
  private readonly core: k8s.CoreV1Api;

  constructor(config: k8s.KubeConfig) {
    this.core = config.makeApiClient(k8s.CoreV1Api);
  }

  async retain(namespace: string, labels: Record<string, string>): Promise<RetainedVolume[]> {
    const { items: claims } = await this.core.listNamespacedPersistentVolumeClaim({ namespace });
    const bound = claims.filter((c) => c.spec?.volumeName);
    const kept: RetainedVolume[] = [];
    for (const claim of bound) {
      const name = claim.spec?.volumeName as string;
      // Retain: when the claim goes with the namespace, the volume and its data stay, Released, instead of being
      // deleted: https://kubernetes.io/docs/concepts/storage/persistent-volumes/#retain
      const volume = await this.core.patchPersistentVolume(
        { name, body: { metadata: { labels }, spec: { persistentVolumeReclaimPolicy: 'Retain' } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      );
      const capacity = volume.spec?.capacity?.storage;
      kept.push({
        name,
        claim: claim.metadata?.name ?? '',
        capacity: capacity === undefined ? null : String(capacity),
      });
    }
    return kept;
  }

  async list(labels: Record<string, string>): Promise<{ name: string; phase: string }[]> {
    const labelSelector = Object.entries(labels)
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const { items } = await this.core.listPersistentVolume({ labelSelector });
    return items.map((v) => ({ name: v.metadata?.name ?? '', phase: v.status?.phase ?? 'Unknown' }));
  }

  async release(name: string): Promise<void> {
    try {
      // A Released volume whose policy becomes Delete is deleted by the PersistentVolume controller, storage and
      // all: https://kubernetes.io/docs/concepts/storage/persistent-volumes/#delete
      await this.core.patchPersistentVolume(
        { name, body: { spec: { persistentVolumeReclaimPolicy: 'Delete' } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      );
    } catch (error) {
      // Already gone: what the purge wanted.
      if (!(error instanceof k8s.ApiException && error.code === 404)) throw error;
    }
  }
}
