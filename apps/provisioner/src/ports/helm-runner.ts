/** What the provisioner needs from Helm. */
export interface HelmRunner {
  /** `helm upgrade --install --wait`: resolves once the release and its hooks are done, or rejects with Helm's reason. */
  upgradeInstall(input: {
    release: string;
    namespace: string;
    chart: string;
    values: Record<string, string | number | boolean>;
    valuesFiles: string[];
    timeoutSeconds: number;
  }): Promise<void>;
  /** `helm uninstall` (deletes the release's objects without waiting); resolves too when there is no release. */
  uninstall(input: { release: string; namespace: string; timeoutSeconds: number }): Promise<void>;
  /** The release's status (deployed, failed, pending-install, ...), or undefined when there is none. */
  status(release: string, namespace: string): Promise<string | undefined>;
  /** Rolls a release stuck in a pending-* state back to its last good revision, or uninstalls it. */
  unstick(release: string, namespace: string): Promise<void>;
}
