import * as k8s from '@kubernetes/client-node';

import { ClusterError } from '../../domain/errors.js';
import { parseQuantity } from '../../domain/quantity.js';
import { noFacts, type FailureFacts } from '../../domain/failure-explanation.js';
import { jobDeleted, type JobManifest, type KubeClient } from '../../ports/kube-client.js';
import { freeRoom } from './cluster-room.js';
import { evidenceFacts } from './evidence.js';
import { withClusterErrors } from './kube-errors.js';
import { podProblemInputs } from './pod-watch.js';
import { StoreAccess } from './store-access.js';
import { StoreClaims } from './store-claims.js';
import { StoreObserver } from './store-observer.js';
import { StoreVolumes } from './store-volumes.js';
import { K8sStoreJobs } from './store-jobs.js';

/** The store a namespace is the namespace of (namespaceOf's inverse). */
const storeOfNamespace = (namespace: string) => namespace.replace(/^store-/, '');

const isStatus = (error: unknown, code: number) => error instanceof k8s.ApiException && error.code === code;

/** Resolves with undefined where the API answers 404, and rethrows every other error. */
async function orMissing<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** Ignores 409 Already Exists: creating what exists is the converged state. */
async function orExisting(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!isStatus(error, 409)) throw error;
  }
}

/** KubeClient on @kubernetes/client-node, with the kubeconfig of the process (in cluster: its ServiceAccount). */
export class ClientNodeKube implements KubeClient {
  private readonly core: k8s.CoreV1Api;
  private readonly apps: k8s.AppsV1Api;
  private readonly batch: k8s.BatchV1Api;
  private readonly storage: k8s.StorageV1Api;
  private readonly networking: k8s.NetworkingV1Api;
  private readonly version: k8s.VersionApi;
  private readonly access: StoreAccess;
  private readonly observer: StoreObserver;
  private readonly storeClaims: StoreClaims;
  private readonly volumes: StoreVolumes;
  private readonly jobs: K8sStoreJobs;

  /**
   * With the process's kubeconfig (in a pod its ServiceAccount, elsewhere KUBECONFIG or ~/.kube/config), every
   * failure a ClusterError (kube-errors.ts).
   */
  static fromDefault(): KubeClient {
    const config = new k8s.KubeConfig();
    config.loadFromDefault();
    // GET /readyz: whether a 403 may come from an API server still loading its RBAC rules (kube-errors.ts).
    const health = new k8s.Health(config);
    return withClusterErrors(new ClientNodeKube(config), { ready: () => health.readyz({}) });
  }

  constructor(config: k8s.KubeConfig) {
    this.core = config.makeApiClient(k8s.CoreV1Api);
    this.apps = config.makeApiClient(k8s.AppsV1Api);
    this.batch = config.makeApiClient(k8s.BatchV1Api);
    this.storage = config.makeApiClient(k8s.StorageV1Api);
    this.networking = config.makeApiClient(k8s.NetworkingV1Api);
    this.version = config.makeApiClient(k8s.VersionApi);
    this.access = new StoreAccess(config);
    this.observer = new StoreObserver(config);
    this.storeClaims = new StoreClaims(config);
    this.volumes = new StoreVolumes(config);
    this.jobs = new K8sStoreJobs(config);
  }

  runStoreJob(...args: Parameters<K8sStoreJobs['runStoreJob']>) {
    return this.jobs.runStoreJob(...args);
  }

  deploymentReplicas(namespace: string, name: string) {
    return this.jobs.deploymentReplicas(namespace, name);
  }

  scaleDeployment(namespace: string, name: string, replicas: number) {
    return this.jobs.scaleDeployment(namespace, name, replicas);
  }

  async ping(): Promise<void> {
    await this.version.getCode();
  }

  async namespace(name: string) {
    const namespace = await orMissing(this.core.readNamespace({ name }));
    if (!namespace) return undefined;
    return {
      uid: namespace.metadata?.uid ?? '',
      phase: namespace.status?.phase === 'Terminating' ? 'Terminating' : 'Active',
      labels: namespace.metadata?.labels ?? {},
    } as const;
  }

  async createNamespace(name: string, labels: Record<string, string>): Promise<void> {
    await orExisting(this.core.createNamespace({ body: { metadata: { name, labels } } }));
  }

  async deleteNamespace(name: string, uid: string): Promise<void> {
    // The API server deletes only while the UID matches, and answers 409 Conflict otherwise:
    // https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/delete-options/
    try {
      await orMissing(this.core.deleteNamespace({ name, body: { preconditions: { uid } } }));
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
      throw new ClusterError(
        'conflict',
        `namespace ${name} was replaced since it was checked (its UID changed); it was left untouched`,
        { cause: error },
      );
    }
  }

  async createSecret(
    namespace: string,
    name: string,
    data: Record<string, string>,
    labels: Record<string, string>,
  ) {
    // An existing Secret is kept: its passwords may already be in use by the store's database.
    await orExisting(
      this.core.createNamespacedSecret({
        namespace,
        body: { metadata: { name, labels }, type: 'Opaque', stringData: data },
      }),
    );
  }

  async readSecret(namespace: string, name: string) {
    const secret = await orMissing(this.core.readNamespacedSecret({ namespace, name }));
    if (!secret) return undefined;
    return Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]),
    );
  }

  async deleteSecret(namespace: string, name: string): Promise<void> {
    await orMissing(this.core.deleteNamespacedSecret({ namespace, name }));
  }

  async createJob(namespace: string, job: JobManifest): Promise<void> {
    // An existing Job of that name is the one a resumed operation started: its outcome is the one to wait for.
    await orExisting(
      this.batch.createNamespacedJob({
        namespace,
        body: { apiVersion: 'batch/v1', kind: 'Job', ...job } as unknown as k8s.V1Job,
      }),
    );
  }

  async deploymentImage(namespace: string, name: string): Promise<string | undefined> {
    const deployment = await orMissing(this.apps.readNamespacedDeployment({ namespace, name }));
    return deployment?.spec?.template.spec?.containers[0]?.image;
  }

  async storageClassExists(name?: string): Promise<boolean> {
    if (name) return (await orMissing(this.storage.readStorageClass({ name }))) !== undefined;
    const { items } = await this.storage.listStorageClass();
    return items.some(
      (c) => c.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
    );
  }

  async ingressClassExists(name: string): Promise<boolean> {
    return (await orMissing(this.networking.readIngressClass({ name }))) !== undefined;
  }

  async allocatable() {
    const [{ items: nodes }, { items: pods }] = await Promise.all([
      this.core.listNode(),
      this.core.listPodForAllNamespaces({ fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' }),
    ]);
    return freeRoom(nodes, pods);
  }

  async scaleToZero(namespace: string): Promise<void> {
    const [{ items: deployments }, { items: statefulSets }] = await Promise.all([
      this.apps.listNamespacedDeployment({ namespace }),
      this.apps.listNamespacedStatefulSet({ namespace }),
    ]);
    const body = (name: string) => ({ metadata: { name, namespace }, spec: { replicas: 0 } });
    await Promise.all([
      ...deployments
        .map((d) => d.metadata?.name ?? '')
        .map((name) =>
          orMissing(this.apps.replaceNamespacedDeploymentScale({ name, namespace, body: body(name) })),
        ),
      ...statefulSets
        .map((s) => s.metadata?.name ?? '')
        .map((name) =>
          orMissing(this.apps.replaceNamespacedStatefulSetScale({ name, namespace, body: body(name) })),
        ),
    ]);
  }

  async jobOutcome(namespace: string, job: string): Promise<string | undefined> {
    // The Job's own conditions while it exists; Helm deletes a hook Job once it succeeded
    // (hook-delete-policy hook-succeeded), and then only the Job controller's event tells. Read as the Job (`get
    // jobs`, which the store-manager role grants), not its status subresource (`jobs/status`, which it does not).
    const status = await orMissing(this.batch.readNamespacedJob({ name: job, namespace }));
    const finished = status?.status?.conditions?.find(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    if (finished) return finished.type === 'Complete' ? 'Completed' : (finished.reason ?? 'Failed');
    const { items } = await this.core.listNamespacedEvent({
      namespace,
      fieldSelector: `involvedObject.kind=Job,involvedObject.name=${job}`,
    });
    const outcome = items.find(
      (e) =>
        e.reason === 'Completed' || e.reason === 'BackoffLimitExceeded' || e.reason === 'DeadlineExceeded',
    );
    // Neither the Job nor its event: deleted before the Job controller's event was recorded (it can come late).
    return outcome?.reason ?? (status === undefined ? jobDeleted : undefined);
  }

  async evidence(namespace: string, job?: string): Promise<FailureFacts> {
    if ((await this.namespace(namespace)) === undefined) return noFacts;
    const [{ items: events }, { items: pods }, { items: nodes }, { items: claims }] = await Promise.all([
      this.core.listNamespacedEvent({ namespace }),
      this.core.listNamespacedPod({ namespace }),
      this.core.listNode(),
      this.core.listNamespacedPersistentVolumeClaim({ namespace }),
    ]);
    const log = job ? await this.jobLogTail(namespace, job, pods) : undefined;
    const facts = evidenceFacts({
      store: storeOfNamespace(namespace),
      events,
      pods,
      nodes,
      claims,
      job,
      logTail: log?.tail,
    });
    return log?.note ? { ...facts, notes: [log.note] } : facts;
  }

  grantStoreAccess(namespace: string, clusterRole: string, labels: Record<string, string>): Promise<void> {
    return this.access.grant(namespace, clusterRole, labels);
  }

  canManageStore(namespace: string): Promise<boolean> {
    return this.access.canManage(namespace);
  }

  observeStores(instance: string) {
    return this.observer.observeStores(instance);
  }

  releaseStatus(namespace: string, release: string): Promise<string | undefined> {
    return this.observer.releaseStatus(namespace, release);
  }

  async quotaUsage(namespace: string) {
    const { items } = await this.core.listNamespacedResourceQuota({ namespace });
    const sum = (pick: (q: k8s.V1ResourceQuota) => Record<string, string> | undefined) => {
      const totals: Record<string, number> = {};
      for (const quota of items) {
        for (const [resource, quantity] of Object.entries(pick(quota) ?? {})) {
          totals[resource] = (totals[resource] ?? 0) + parseQuantity(String(quantity));
        }
      }
      return Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, String(v)]));
    };
    // One quota (the store chart's) is the rule; summing keeps the figures true should there be more.
    if (items.length === 1) {
      const [quota] = items;
      return { hard: { ...quota?.status?.hard }, used: { ...quota?.status?.used } };
    }
    return { hard: sum((q) => q.status?.hard), used: sum((q) => q.status?.used) };
  }

  async unreadyWorkloads(namespace: string): Promise<string[]> {
    const [{ items: deployments }, { items: statefulSets }] = await Promise.all([
      this.apps.listNamespacedDeployment({ namespace }),
      this.apps.listNamespacedStatefulSet({ namespace }),
    ]);
    const unready = (kind: string) => (workload: k8s.V1Deployment | k8s.V1StatefulSet) => {
      const wanted = workload.spec?.replicas ?? 1;
      const ready = workload.status?.readyReplicas ?? 0;
      return ready < wanted ? [`${kind} ${workload.metadata?.name}: ${ready} of ${wanted} ready`] : [];
    };
    return [...deployments.flatMap(unready('Deployment')), ...statefulSets.flatMap(unready('StatefulSet'))];
  }

  claims(namespace: string) {
    return this.storeClaims.list(namespace);
  }

  resizeClaim(namespace: string, name: string, size: string): Promise<void> {
    return this.storeClaims.resize(namespace, name, size);
  }

  retainVolumes(namespace: string, labels: Record<string, string>) {
    return this.volumes.retain(namespace, labels);
  }

  labelledVolumes(labels: Record<string, string>) {
    return this.volumes.list(labels);
  }

  releaseVolume(name: string): Promise<void> {
    return this.volumes.release(name);
  }

  async podProblems(namespace: string) {
    if ((await this.namespace(namespace)) === undefined) return [];
    const [{ items: pods }, { items: events }, { items: nodes }] = await Promise.all([
      this.core.listNamespacedPod({ namespace }),
      this.core.listNamespacedEvent({ namespace }),
      this.core.listNode(),
    ]);
    return podProblemInputs(namespace.replace(/^store-/, ''), pods, events, nodes);
  }

  /**
   * The log tail of the Job's latest pod, or a note that it could not be read (never a headline); undefined when
   * no pod of it ran (nothing to show).
   */
  private async jobLogTail(
    namespace: string,
    job: string,
    pods: k8s.V1Pod[],
  ): Promise<{ tail?: string; note?: string } | undefined> {
    const pod = pods.filter((p) => p.metadata?.labels?.['job-name'] === job).at(-1);
    if (!pod?.metadata?.name) return undefined;
    try {
      return {
        tail: await this.core.readNamespacedPodLog({ name: pod.metadata.name, namespace, tailLines: 20 }),
      };
    } catch (error) {
      const reason = error instanceof k8s.ApiException ? `HTTP ${error.code}` : String(error);
      return { note: `the log of pod ${pod.metadata.name} could not be read (${reason})` };
    }
  }
}
