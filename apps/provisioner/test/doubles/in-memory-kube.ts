import type { RetainedVolume } from '../../src/domain/deletion.js';
import type { PodProblemInput } from '../../src/domain/pod-problems.js';
import { ClusterError } from '../../src/domain/errors.js';
import type { FailureFacts } from '../../src/domain/failure-explanation.js';
import type { ObservedStore } from '../../src/domain/health.js';
import { instanceLabel } from '../../src/domain/ownership.js';
import type { Claim } from '../../src/domain/storage.js';
import type { JobManifest, KubeClient, StoreJobSpec } from '../../src/ports/kube-client.js';

/** A PersistentVolume as the double keeps it: bound to a claim of `namespace` until that namespace goes. */
export interface FakeVolume {
  name: string;
  namespace: string;
  claim: string;
  capacity: string;
  reclaimPolicy: 'Delete' | 'Retain';
  labels: Record<string, string>;
  phase: 'Bound' | 'Released';
}

/** A namespace as the double keeps it: what KubeClient.namespace shows, and the Secrets in it. */
export interface FakeNamespace {
  uid: string;
  phase: 'Active' | 'Terminating';
  labels: Record<string, string>;
  secrets: Map<string, Record<string, string>>;
}

/**
 * The Kubernetes API for unit tests: namespaces (with UIDs, phases and labels) and their Secrets, the storage and
 * ingress classes, the free capacity, Jobs' outcomes and the evidence lines a failure would show. Every call is
 * recorded as "<method> <namespace>". A deleted namespace is Terminating for `readsWhileTerminating` reads of it,
 * then gone with everything in it, as the namespace controller does a moment after the delete.
 */
export class InMemoryKube implements KubeClient {
  readonly calls: string[] = [];
  readonly namespaces = new Map<string, FakeNamespace>();
  /** Storage classes by name; `defaultStorageClass` answers for a store that names none. */
  readonly storageClasses = new Set(['standard']);
  defaultStorageClass = true;
  readonly ingressClasses = new Set(['nginx']);
  free = { cpuMillis: 8000, memoryBytes: 16 * 2 ** 30 };
  /** Outcomes of Jobs by "<namespace>/<job>"; a Job not listed has not told its outcome yet. */
  readonly jobOutcomes = new Map<string, string>();
  /** What deploymentImage answers in an existing namespace. */
  appImage = 'store-platform/woocommerce:test';
  /** Jobs made by createJob, by "<namespace>/<job>". */
  readonly jobs = new Map<string, JobManifest>();
  /** The outcome a Job made by createJob reports at once (Completed unless a test says otherwise). */
  jobOutcomeOnCreate: (job: JobManifest) => string | undefined = () => 'Completed';
  /** What evidence() answers: one crash-looping app pod unless a test sets others. */
  evidenceFacts: FailureFacts = {
    problems: [
      {
        kind: 'Pod',
        podName: 'shop-app-0',
        component: 'app',
        eventReason: 'BackOff',
        eventMessage: 'Back-off restarting failed container',
        evidence: 'Pod shop-app-0: BackOff: Back-off restarting failed container',
      },
    ],
  };
  /** The evidence lines a failure shows of `evidenceFacts` (one line each, none repeated). */
  get evidenceLines(): string[] {
    return this.evidenceFacts.problems.map((p) => p.evidence);
  }
  readsWhileTerminating = 1;
  /** Quota figures by namespace (quotaUsage); a namespace not listed has no quota. */
  readonly quotas = new Map<string, { hard: Record<string, string>; used: Record<string, string> }>();
  /** Volume claims by namespace (claims); resizeClaim changes `requested`, and refuses where not expandable. */
  readonly volumeClaims = new Map<string, Claim[]>();
  /** What podProblems answers (a running step's events); not recorded in `calls`, as it is polled. */
  podProblemInputs: PodProblemInput[] = [];
  /** What unreadyWorkloads answers. */
  unready: string[] = [];
  /** Namespaces where the ClusterRole was bound to the provisioner (grantStoreAccess). */
  readonly bound = new Set<string>();
  /** What the health checks see in a namespace (workloads, quota, certificate); none when not set. */
  readonly observed = new Map<string, ObservedStore>();
  /** Helm release statuses by "<namespace>/<release>", as the release Secrets tell (releaseStatus). */
  readonly releases = new Map<string, string>();
  /** When set, observeStores fails with it (the API server did not answer). */
  observeFailure: Error | undefined;
  /**
   * PersistentVolumes by name. When their claims' namespace goes, a volume with reclaim policy Delete goes too and
   * one with Retain stays Released, as the PersistentVolume controller does.
   */
  readonly volumes = new Map<string, FakeVolume>();
  /** Backup and restore Jobs created (runStoreJob), in order, with the Secret each was given. */
  readonly storeJobs: { spec: StoreJobSpec; secret: { name: string; data: Record<string, string> } }[] = [];
  /**
   * What a store Job does when it is created: by default it completes at once. A test plays the tool here (writes
   * the backup's objects) or fails the Job (sets its outcome to BackoffLimitExceeded).
   */
  onStoreJob: (spec: StoreJobSpec) => Promise<void> = async (spec) => {
    this.jobOutcomes.set(`${spec.namespace}/${spec.name}`, 'Completed');
  };
  /** Deployments by "<namespace>/<name>": desired and ready replicas; a scale makes them all ready at once. */
  readonly deployments = new Map<string, { desired: number; ready: number }>();
  /** Every scale asked for, as "<namespace>/<name>=<replicas>". */
  readonly scales: string[] = [];
  private nextUid = 1;
  private readonly terminatingReads = new Map<string, number>();

  /** Adds a namespace (someone else's, or a store's left by an earlier attempt) and returns its UID. */
  addNamespace(name: string, labels: Record<string, string>, secrets: Record<string, string>[] = []): string {
    const uid = `uid-${this.nextUid++}`;
    const entries = secrets.map((data, i) => [`secret-${i}`, data] as const);
    this.namespaces.set(name, { uid, phase: 'Active', labels, secrets: new Map(entries) });
    return uid;
  }

  async ping(): Promise<void> {
    this.calls.push('ping');
  }

  async namespace(name: string) {
    this.calls.push(`namespace ${name}`);
    const found = this.namespaces.get(name);
    if (found?.phase === 'Terminating') {
      const left = this.terminatingReads.get(name) ?? 0;
      if (left <= 0) {
        // The RoleBinding and the Secrets went with it.
        this.namespaces.delete(name);
        this.bound.delete(name);
        this.claimsGone(name);
        return undefined;
      }
      this.terminatingReads.set(name, left - 1);
    }
    return found && { uid: found.uid, phase: found.phase, labels: { ...found.labels } };
  }

  /** An existing namespace is kept as it is, as the adapter does (AlreadyExists is not an error). */
  async createNamespace(name: string, labels: Record<string, string>): Promise<void> {
    this.calls.push(`createNamespace ${name}`);
    if (!this.namespaces.has(name)) this.addNamespace(name, labels);
  }

  /** With the API server's UID precondition: a namespace replaced since it was checked is a conflict. */
  async deleteNamespace(name: string, uid: string): Promise<void> {
    this.calls.push(`deleteNamespace ${name}`);
    const found = this.namespaces.get(name);
    if (!found || found.phase === 'Terminating') return;
    if (found.uid !== uid) {
      throw new ClusterError(
        'conflict',
        `namespace ${name} was replaced since it was checked (its UID changed)`,
      );
    }
    found.phase = 'Terminating';
    this.terminatingReads.set(name, this.readsWhileTerminating);
  }

  async createSecret(namespace: string, name: string, data: Record<string, string>): Promise<void> {
    this.calls.push(`createSecret ${namespace}`);
    const found = this.namespaces.get(namespace);
    if (!found) throw new ClusterError('not_found', `namespace ${namespace} does not exist`);
    if (!found.secrets.has(name)) found.secrets.set(name, data);
  }

  async readSecret(namespace: string, name: string): Promise<Record<string, string> | undefined> {
    this.calls.push(`readSecret ${namespace}`);
    return this.namespaces.get(namespace)?.secrets.get(name);
  }

  async deleteSecret(namespace: string, name: string): Promise<void> {
    this.calls.push(`deleteSecret ${namespace} ${name}`);
    this.namespaces.get(namespace)?.secrets.delete(name);
  }

  async createJob(namespace: string, job: JobManifest): Promise<void> {
    this.calls.push(`createJob ${namespace} ${job.metadata.name}`);
    const key = `${namespace}/${job.metadata.name}`;
    if (!this.jobs.has(key)) this.jobs.set(key, structuredClone(job));
    const outcome = this.jobOutcomeOnCreate(job);
    if (outcome) this.jobOutcomes.set(key, outcome);
  }

  async deploymentImage(namespace: string, name: string): Promise<string | undefined> {
    this.calls.push(`deploymentImage ${namespace} ${name}`);
    return this.namespaces.has(namespace) ? this.appImage : undefined;
  }

  async storageClassExists(name?: string): Promise<boolean> {
    this.calls.push(`storageClassExists ${name ?? '(default)'}`);
    return name ? this.storageClasses.has(name) : this.defaultStorageClass;
  }

  async ingressClassExists(name: string): Promise<boolean> {
    this.calls.push(`ingressClassExists ${name}`);
    return this.ingressClasses.has(name);
  }

  async allocatable(): Promise<{ cpuMillis: number; memoryBytes: number }> {
    this.calls.push('allocatable');
    return { ...this.free };
  }

  async scaleToZero(namespace: string): Promise<void> {
    this.calls.push(`scaleToZero ${namespace}`);
  }

  async jobOutcome(namespace: string, job: string): Promise<string | undefined> {
    this.calls.push(`jobOutcome ${namespace}`);
    return this.jobOutcomes.get(`${namespace}/${job}`);
  }

  async podProblems(): Promise<PodProblemInput[]> {
    return structuredClone(this.podProblemInputs);
  }

  async evidence(namespace: string, job?: string): Promise<FailureFacts> {
    this.calls.push(`evidence ${namespace}${job ? ` ${job}` : ''}`);
    return structuredClone(this.evidenceFacts);
  }

  async grantStoreAccess(namespace: string): Promise<void> {
    this.calls.push(`grantStoreAccess ${namespace}`);
    this.bound.add(namespace);
  }

  async canManageStore(namespace: string): Promise<boolean> {
    this.calls.push(`canManageStore ${namespace}`);
    return this.bound.has(namespace) && this.namespaces.has(namespace);
  }

  /** The namespaces labelled for `instance` that are not being deleted, with what `observed` has for them. */
  async observeStores(instance: string): Promise<Map<string, ObservedStore>> {
    this.calls.push('observeStores');
    if (this.observeFailure) throw this.observeFailure;
    const live = [...this.namespaces].filter(
      ([, ns]) => ns.phase === 'Active' && ns.labels[instanceLabel] === instance,
    );
    return new Map(
      live.map(([name]) => [name, structuredClone(this.observed.get(name) ?? { workloads: [], quota: [] })]),
    );
  }

  async releaseStatus(namespace: string, release: string): Promise<string | undefined> {
    this.calls.push(`releaseStatus ${namespace}`);
    return this.releases.get(`${namespace}/${release}`);
  }

  async quotaUsage(namespace: string) {
    this.calls.push(`quotaUsage ${namespace}`);
    return this.quotas.get(namespace) ?? { hard: {}, used: {} };
  }

  async unreadyWorkloads(namespace: string): Promise<string[]> {
    this.calls.push(`unreadyWorkloads ${namespace}`);
    return [...this.unready];
  }

  async claims(namespace: string): Promise<Claim[]> {
    this.calls.push(`claims ${namespace}`);
    return structuredClone(this.volumeClaims.get(namespace) ?? []);
  }

  async resizeClaim(namespace: string, name: string, size: string): Promise<void> {
    this.calls.push(`resizeClaim ${namespace} ${name} ${size}`);
    const claim = this.volumeClaims.get(namespace)?.find((c) => c.name === name);
    if (!claim) throw new ClusterError('not_found', `persistentvolumeclaims "${name}" not found`);
    if (!claim.expandable) {
      throw new ClusterError(
        'forbidden',
        'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
      );
    }
    claim.requested = size;
  }

  async runStoreJob(
    spec: StoreJobSpec,
    secret: { name: string; data: Record<string, string> },
  ): Promise<void> {
    this.calls.push(`runStoreJob ${spec.namespace} ${spec.command}`);
    this.storeJobs.push({ spec: structuredClone(spec), secret: structuredClone(secret) });
    await this.onStoreJob(spec);
  }

  async deploymentReplicas(namespace: string, name: string) {
    const found = this.deployments.get(`${namespace}/${name}`);
    return found ? { ...found } : undefined;
  }

  async scaleDeployment(namespace: string, name: string, replicas: number): Promise<void> {
    this.calls.push(`scaleDeployment ${namespace} ${name} ${replicas}`);
    this.scales.push(`${namespace}/${name}=${replicas}`);
    this.deployments.set(`${namespace}/${name}`, { desired: replicas, ready: replicas });
  }

  /** Adds a volume bound to claim `claim` of `namespace`, with reclaim policy Delete (a dynamic one's default). */
  addVolume(name: string, namespace: string, claim: string, capacity = '1Gi'): void {
    this.volumes.set(name, {
      name,
      namespace,
      claim,
      capacity,
      reclaimPolicy: 'Delete',
      labels: {},
      phase: 'Bound',
    });
  }

  async retainVolumes(namespace: string, labels: Record<string, string>): Promise<RetainedVolume[]> {
    this.calls.push(`retainVolumes ${namespace}`);
    const bound = [...this.volumes.values()].filter((v) => v.namespace === namespace && v.phase === 'Bound');
    for (const volume of bound)
      Object.assign(volume, { reclaimPolicy: 'Retain', labels: { ...volume.labels, ...labels } });
    return bound.map((v) => ({ name: v.name, claim: v.claim, capacity: v.capacity }));
  }

  async labelledVolumes(labels: Record<string, string>): Promise<{ name: string; phase: string }[]> {
    this.calls.push('labelledVolumes');
    return [...this.volumes.values()]
      .filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))
      .map((v) => ({ name: v.name, phase: v.phase }));
  }

  /** As the PersistentVolume controller does with a Released volume whose policy becomes Delete: it goes. */
  async releaseVolume(name: string): Promise<void> {
    this.calls.push(`releaseVolume ${name}`);
    this.volumes.delete(name);
  }

  private claimsGone(namespace: string): void {
    for (const volume of [...this.volumes.values()].filter((v) => v.namespace === namespace)) {
      if (volume.reclaimPolicy === 'Delete') this.volumes.delete(volume.name);
      else volume.phase = 'Released';
    }
  }
}
