import type { RetainedVolume } from '../domain/deletion.js';
import type { FailureFacts } from '../domain/failure-explanation.js';
import type { ObservedStore } from '../domain/health.js';
import type { PodProblemInput } from '../domain/pod-problems.js';
import type { Claim } from '../domain/storage.js';

/** jobOutcome's answer for a Job that no longer exists and whose completion event was not (yet) recorded. */
export const jobDeleted = 'Deleted';

/** A batch/v1 Job as plain data (its `metadata.name` set): the fields the API takes, no client types. */
export interface JobManifest {
  metadata: { name: string; labels?: Record<string, string> };
  spec: Record<string, unknown>;
}

/** What the provisioner needs from the Kubernetes API. */
export interface KubeClient extends StoreJobs {
  /** Whether the API server answers. */
  ping(): Promise<void>;
  /** The namespace's UID, phase and labels, or undefined when it does not exist. */
  namespace(
    name: string,
  ): Promise<{ uid: string; phase: 'Active' | 'Terminating'; labels: Record<string, string> } | undefined>;
  createNamespace(name: string, labels: Record<string, string>): Promise<void>;
  /**
   * Starts the deletion of the namespace with this UID (the one its ownership was checked on); resolves also when
   * the namespace is already gone, and rejects, deleting nothing, when it was replaced by another of the same name.
   */
  deleteNamespace(name: string, uid: string): Promise<void>;
  createSecret(
    namespace: string,
    name: string,
    data: Record<string, string>,
    labels: Record<string, string>,
  ): Promise<void>;
  /** The Secret's decoded data, or undefined when it does not exist. */
  readSecret(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  /** Deletes the Secret; resolves also when it is already gone. */
  deleteSecret(namespace: string, name: string): Promise<void>;
  /**
   * Creates a one-off Job from its manifest (services build it: rotation-jobs.ts); an existing Job of that name is
   * kept (a resumed operation). Its outcome is read with jobOutcome.
   */
  createJob(namespace: string, job: JobManifest): Promise<void>;
  /** The image of the Deployment's first container (what the store runs now), or undefined when it is absent. */
  deploymentImage(namespace: string, name: string): Promise<string | undefined>;
  storageClassExists(name?: string): Promise<boolean>;
  ingressClassExists(name: string): Promise<boolean>;
  /** CPU (millicores) and memory (bytes) free for new pods: the Ready nodes' allocatable less live pods' requests. */
  allocatable(): Promise<{ cpuMillis: number; memoryBytes: number }>;
  /** Scales every Deployment and StatefulSet in the namespace to zero. */
  scaleToZero(namespace: string): Promise<void>;
  /**
   * How the Job ended (Completed / BackoffLimitExceeded ...), from its status while it exists, else from its
   * completion event; `jobDeleted` when the Job is gone with no event yet; undefined while neither tells yet
   * (events are recorded asynchronously).
   */
  jobOutcome(namespace: string, job: string): Promise<string | undefined>;
  /**
   * What went wrong, as facts to explain (domain/failure-explanation.ts): warning events with their counts, pods
   * that are not ready and why, and the Job's log tail when a pod of it ran; none when the namespace is gone.
   */
  evidence(namespace: string, job?: string): Promise<FailureFacts>;
  /**
   * Binds ClusterRole `clusterRole` in the namespace to the identity this client runs as (a RoleBinding of the
   * same name); an existing binding is kept.
   */
  grantStoreAccess(namespace: string, clusterRole: string, labels: Record<string, string>): Promise<void>;
  /** Whether this client may manage the store's objects in the namespace yet (a new binding takes a moment). */
  canManageStore(namespace: string): Promise<boolean>;
  /**
   * What the health checks read of every store of install `instance`, by namespace name: one list per kind across
   * the cluster (namespaces, Deployments, StatefulSets, pods, ResourceQuotas, cert-manager Certificates), whatever
   * the number of stores. A namespace being deleted is left out, as gone.
   */
  observeStores(instance: string): Promise<Map<string, ObservedStore>>;
  /** The status of the Helm release's latest revision (deployed, failed, pending-upgrade...); undefined when none. */
  releaseStatus(namespace: string, release: string): Promise<string | undefined>;
  /**
   * What the namespace's ResourceQuotas allow and what it uses now (status.hard and status.used, summed over its
   * quotas), as quantities by resource name; empty when it has none.
   */
  quotaUsage(namespace: string): Promise<{ hard: Record<string, string>; used: Record<string, string> }>;
  /** Deployments and StatefulSets of the namespace whose replicas are not all ready, in plain words. */
  unreadyWorkloads(namespace: string): Promise<string[]>;
  /** The namespace's PersistentVolumeClaims: requested size, capacity, class and whether the class can expand. */
  claims(namespace: string): Promise<Claim[]>;
  /** Asks the claim for `size` (its spec.resources.requests.storage); the API server refuses a shrink. */
  resizeClaim(namespace: string, name: string, size: string): Promise<void>;
  /**
   * Sets the PersistentVolumes bound to the namespace's claims to reclaim policy Retain and gives them `labels`, so
   * that they and their data outlive the namespace; the volumes kept (none when no claim is bound).
   */
  retainVolumes(namespace: string, labels: Record<string, string>): Promise<RetainedVolume[]>;
  /** The PersistentVolumes with all of `labels`, and their phases (Bound, Released...). */
  labelledVolumes(labels: Record<string, string>): Promise<{ name: string; phase: string }[]>;
  /**
   * Gives a kept PersistentVolume back its reclaim policy Delete: the PersistentVolume controller then deletes it
   * and its storage (deleting the object alone would leave the disk behind); resolves also when it is gone.
   */
  releaseVolume(name: string): Promise<void>;
  /**
   * The namespace's pods that are not ready and the warning events about them, oldest first (what a running step
   * shows of why it waits); empty when the namespace does not exist.
   */
  podProblems(namespace: string): Promise<PodProblemInput[]>;
}

/**
 * A one-off Job the provisioner runs in a store's namespace with the project's backup image (backup, restore):
 * built into a manifest by adapters/k8s/backup-job.ts.
 */
export interface StoreJobSpec {
  namespace: string;
  name: string;
  image: string;
  /** The tool's command: its only argument. */
  command: 'backup' | 'restore';
  /** Plain settings; never a secret. */
  env: Record<string, string>;
  /** Settings read from Secrets of the namespace (passwords, the bucket's keys): env name -> Secret and key. */
  secretEnv: Record<string, { secret: string; key: string }>;
  /**
   * The uploads claim, mounted at /uploads: read-only for a backup, with a required pod affinity to the app's pod
   * (the claim is ReadWriteOnce: only pods on its node can mount it); read-write for a restore, whose app is at 0.
   */
  uploads?: { claim: string; readOnly: boolean; besideApp: boolean };
  labels: Record<string, string>;
  activeDeadlineSeconds: number;
  ttlSecondsAfterFinished: number;
}

/** What runs store Jobs (backup, restore) and scales a store's app: part of the KubeClient. */
export interface StoreJobs {
  /**
   * Creates Secret `secret.name` (replacing one left by an earlier Job) and then the Job, and makes the Job the
   * Secret's owner, so that the Secret goes with it.
   */
  runStoreJob(spec: StoreJobSpec, secret: { name: string; data: Record<string, string> }): Promise<void>;
  /** The Deployment's desired replicas and its ready ones, or undefined when it does not exist. */
  deploymentReplicas(
    namespace: string,
    name: string,
  ): Promise<{ desired: number; ready: number } | undefined>;
  /** Sets the Deployment's replicas (its scale subresource). */
  scaleDeployment(namespace: string, name: string, replicas: number): Promise<void>;
}
