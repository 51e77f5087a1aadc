/** One revision of a release, as `helm history -o json` lists it. */
export interface HelmRevision {
  revision: number;
  updated: string;
  status: string;
  /** The chart's name and version, e.g. `store-instance-0.1.0`. */
  chart: string;
  appVersion: string;
  description: string;
}

/** A chart, its values and the release it is for: what an upgrade and its dry run take. */
export interface ReleaseInput {
  release: string;
  namespace: string;
  chart: string;
  values: Record<string, string | number | boolean>;
  valuesFiles: string[];
}

/** What the provisioner needs from Helm. */
export interface HelmRunner {
  /** `helm upgrade --install --wait`: resolves once the release and its hooks are done, or rejects with Helm's reason. */
  upgradeInstall(input: {
    release: string;
    namespace: string;
    chart: string;
    values: Record<string, string | number | boolean>;
    /** Values that are lists or objects (`--set-json`): a create's starter catalog. */
    jsonValues?: Record<string, unknown>;
    valuesFiles: string[];
    timeoutSeconds: number;
    /** Aborting it stops helm (a cancel); the call rejects once the helm process has exited. */
    signal?: AbortSignal;
  }): Promise<void>;
  /** `helm uninstall` (deletes the release's objects without waiting); resolves too when there is no release. */
  uninstall(input: { release: string; namespace: string; timeoutSeconds: number }): Promise<void>;
  /** The release's status (deployed, failed, pending-install, ...), or undefined when there is none. */
  status(release: string, namespace: string): Promise<string | undefined>;
  /**
   * Rolls a release stuck in a pending-* state back to its last good revision, or uninstalls it (a pending or
   * failed first install, which has none), so that `upgradeInstall` can run.
   */
  unstick(release: string, namespace: string): Promise<void>;
  /** `helm upgrade --wait` of an existing release (never installs): resolves once every workload is ready. */
  upgrade(input: ReleaseInput & { timeoutSeconds: number; signal?: AbortSignal }): Promise<void>;
  /**
   * `helm upgrade --wait` of an existing release with exactly `values` (a revision's, from `values`), no values
   * files, and `description` as the new revision's: how the platform goes back to an earlier revision. It renders
   * again, so `lookup` keeps the live claims' sizes, where `helm rollback` would re-apply an older, smaller claim.
   */
  reapply(input: {
    release: string;
    namespace: string;
    chart: string;
    values: Record<string, unknown>;
    description: string;
    timeoutSeconds: number;
  }): Promise<void>;
  /** `helm history`, newest first; empty when there is no release. */
  history(release: string, namespace: string): Promise<HelmRevision[]>;
  /** The values a revision was given (`helm get values -o json`, the current one when `revision` is absent). */
  values(release: string, namespace: string, revision?: number): Promise<Record<string, unknown>>;
  /** The objects the release's current revision made (`helm get manifest`), hooks excluded. */
  manifest(release: string, namespace: string): Promise<string>;
  /** What an upgrade would make, hooks excluded, without changing anything (`helm upgrade --dry-run=server`). */
  renderUpgrade(input: ReleaseInput): Promise<string>;
}
