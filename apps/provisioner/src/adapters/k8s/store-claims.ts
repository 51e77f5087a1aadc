import * as k8s from '@kubernetes/client-node';

import type { Claim } from '../../domain/storage.js';

const defaultClassAnnotation = 'storageclass.kubernetes.io/is-default-class';

/** A store's volume claims with their classes' expansion rule, and their resize (KubeClient.claims, resizeClaim). */
export class StoreClaims {
  private readonly core: k8s.CoreV1Api;
  private readonly storage: k8s.StorageV1Api;

  constructor(config: k8s.KubeConfig) {
    this.core = config.makeApiClient(k8s.CoreV1Api);
    this.storage = config.makeApiClient(k8s.StorageV1Api);
  }

  async list(namespace: string): Promise<Claim[]> {
    const [{ items: claims }, { items: classes }] = await Promise.all([
      this.core.listNamespacedPersistentVolumeClaim({ namespace }),
      this.storage.listStorageClass(),
    ]);
    const byName = new Map(classes.map((c) => [c.metadata?.name ?? '', c]));
    const fallback = classes.find((c) => c.metadata?.annotations?.[defaultClassAnnotation] === 'true');
    return claims.map((claim) => {
      // A claim that names no class was given the default one by the DefaultStorageClass admission plugin; read
      // it back from the spec when it was, else from the default class now.
      const named = claim.spec?.storageClassName;
      const storageClass = named !== undefined ? byName.get(named) : fallback;
      return {
        name: claim.metadata?.name ?? '',
        requested: String(claim.spec?.resources?.requests?.storage ?? '0'),
        capacity:
          claim.status?.capacity?.storage === undefined ? undefined : String(claim.status.capacity.storage),
        storageClass: named ?? storageClass?.metadata?.name,
        expandable: storageClass?.allowVolumeExpansion === true,
      };
    });
  }

  async resize(namespace: string, name: string, size: string): Promise<void> {
    // A merge patch of the request alone; the API server refuses it unless the claim is bound and its class allows
    // expansion: https://kubernetes.io/docs/concepts/storage/persistent-volumes/#expanding-persistent-volumes-claims
    await this.core.patchNamespacedPersistentVolumeClaim(
      { name, namespace, body: { spec: { resources: { requests: { storage: size } } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
  }
}
