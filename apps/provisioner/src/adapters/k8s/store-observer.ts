import * as k8s from '@kubernetes/client-node';

import type { ObservedStore, WorkloadObservation } from '../../domain/health.js';
import { instanceLabel } from '../../domain/ownership.js';
import { parseQuantity } from '../../domain/quantity.js';

/** Restarts older than this are history, not a problem of now (domain/health.ts says "in 10 minutes"). */
const restartWindowMs = 10 * 60_000;
/** The store chart's component label (store-engine's selectorLabels): app, database, setup, cron... */
const componentLabel = 'app.kubernetes.io/component';

/** The store cannot serve without its database, nor a Medusa store without its cache (Redis). */
const partOf = (component: string | undefined): WorkloadObservation['part'] =>
  component === 'app' ? 'app' : component === 'database' || component === 'cache' ? 'database' : 'other';

interface Workload {
  namespace: string;
  name: string;
  component: string | undefined;
  desired: number;
}

const isReady = (pod: k8s.V1Pod) =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/**
 * Restarts of a pod's containers in the window. The API keeps only a count and the last termination, so a
 * container whose last termination falls in the window counts all its restarts: a crash loop restarts densely
 * (the kubelet's back-off caps at 5 minutes), and one restart long ago does not count at all.
 */
function recentRestarts(pod: k8s.V1Pod, now: number): number {
  return (pod.status?.containerStatuses ?? []).reduce((total, c) => {
    const finished = c.lastState?.terminated?.finishedAt;
    const recent = finished !== undefined && now - new Date(finished).getTime() <= restartWindowMs;
    return total + (recent ? c.restartCount : 0);
  }, 0);
}

const waitingReasons = (pod: k8s.V1Pod) =>
  [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
    .map((c) => c.state?.waiting?.reason)
    .filter((reason): reason is string => Boolean(reason));

/** A Deployment's or StatefulSet's health facts from its namespace's pods of the same component. */
function observeWorkload(workload: Workload, pods: k8s.V1Pod[], now: number): WorkloadObservation {
  const own = pods.filter(
    (p) =>
      p.metadata?.namespace === workload.namespace &&
      p.metadata?.labels?.[componentLabel] === workload.component &&
      !p.metadata?.deletionTimestamp &&
      p.status?.phase !== 'Succeeded' &&
      p.status?.phase !== 'Failed',
  );
  const notReady = own.filter((p) => !isReady(p));
  return {
    name: workload.name,
    part: partOf(workload.component),
    desired: workload.desired,
    ready: own.length - notReady.length,
    recentRestarts: own.reduce((total, p) => total + recentRestarts(p, now), 0),
    waitingReasons: [...new Set(own.flatMap(waitingReasons))],
    notReadyPods: notReady.map((p) => p.metadata?.name ?? '?'),
  };
}

const certificateOf = (item: {
  metadata?: { name?: string };
  status?: { conditions?: { type: string; status: string; message?: string }[] };
}) => {
  const ready = item.status?.conditions?.find((c) => c.type === 'Ready');
  return {
    name: item.metadata?.name ?? '?',
    ready: ready?.status === 'True',
    ...(ready?.status !== 'True' && ready?.message ? { message: ready.message } : {}),
  };
};

function quotaOf(quota: k8s.V1ResourceQuota) {
  return Object.entries(quota.status?.hard ?? {}).map(([resource, hard]) => ({
    resource,
    used: parseQuantity(quota.status?.used?.[resource] ?? '0'),
    hard: parseQuantity(hard),
  }));
}

/**
 * The health checks' reads: one list per kind across the cluster, selected by the install's label (every store
 * namespace and every object of the store chart carry it), so that 200 stores cost six requests, not 1,200. The
 * release status is read per store, from Helm's own records in the store's namespace: the provisioner may read
 * Secrets only there (its store role), by design, and one list of a few labelled Secrets is far cheaper than
 * starting `helm status` (a process, the API discovery, the same list) 200 times an interval.
 */
export class StoreObserver {
  private readonly core: k8s.CoreV1Api;
  private readonly apps: k8s.AppsV1Api;
  private readonly custom: k8s.CustomObjectsApi;

  constructor(config: k8s.KubeConfig) {
    this.core = config.makeApiClient(k8s.CoreV1Api);
    this.apps = config.makeApiClient(k8s.AppsV1Api);
    this.custom = config.makeApiClient(k8s.CustomObjectsApi);
  }

  async observeStores(instance: string): Promise<Map<string, ObservedStore>> {
    const labelSelector = `${instanceLabel}=${instance}`;
    const [namespaces, deployments, statefulSets, pods, quotas, certificates] = await Promise.all([
      this.core.listNamespace({ labelSelector }),
      this.apps.listDeploymentForAllNamespaces({ labelSelector }),
      this.apps.listStatefulSetForAllNamespaces({ labelSelector }),
      this.core.listPodForAllNamespaces({ labelSelector }),
      this.core.listResourceQuotaForAllNamespaces({ labelSelector }),
      this.certificates(labelSelector),
    ]);
    const now = Date.now();
    const workloads: Workload[] = [...deployments.items, ...statefulSets.items].map((w) => ({
      namespace: w.metadata?.namespace ?? '',
      name: w.metadata?.name ?? '',
      component: w.metadata?.labels?.[componentLabel],
      desired: w.spec?.replicas ?? 1,
    }));
    const observed = new Map<string, ObservedStore>();
    for (const namespace of namespaces.items) {
      const name = namespace.metadata?.name;
      if (!name || namespace.status?.phase === 'Terminating') continue;
      const certificate = certificates.find((c) => c.metadata?.namespace === name);
      observed.set(name, {
        workloads: workloads
          .filter((w) => w.namespace === name)
          .map((w) => observeWorkload(w, pods.items, now)),
        ...(certificate ? { certificate: certificateOf(certificate) } : {}),
        quota: quotas.items.filter((q) => q.metadata?.namespace === name).flatMap(quotaOf),
      });
    }
    return observed;
  }

  async releaseStatus(namespace: string, release: string): Promise<string | undefined> {
    // Helm 3 keeps one Secret per revision, labelled owner=helm, name, version and status:
    // https://helm.sh/docs/topics/advanced/#storage-backends
    const { items } = await this.core.listNamespacedSecret({
      namespace,
      labelSelector: `owner=helm,name=${release}`,
    });
    const latest = items
      .map((s) => s.metadata?.labels ?? {})
      .sort((a, b) => Number(b.version ?? 0) - Number(a.version ?? 0))[0];
    return latest?.status;
  }

  /** cert-manager's Certificates, or none where cert-manager is not installed (its CRD is absent: 404). */
  private async certificates(labelSelector: string) {
    type Certificate = Parameters<typeof certificateOf>[0] & { metadata?: { namespace?: string } };
    try {
      const list = (await this.custom.listClusterCustomObject({
        group: 'cert-manager.io',
        version: 'v1',
        plural: 'certificates',
        labelSelector,
      })) as { items?: Certificate[] };
      return list.items ?? [];
    } catch (error) {
      if (error instanceof k8s.ApiException && error.code === 404) return [];
      throw error;
    }
  }
}
