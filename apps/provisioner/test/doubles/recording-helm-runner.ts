import type { HelmRunner } from '../../src/ports/helm-runner.js';

type Method = keyof HelmRunner;
type InstallInput = Parameters<HelmRunner['upgradeInstall']>[0];

/**
 * Helm for unit tests: releases are a status per namespace/release, and every call is recorded as
 * "<method> <namespace>/<release>". `failNext` scripts a failure (e.g. a ClusterError('timeout', ...)) for the
 * next call of a method; a failed install leaves its release `failed`, as `helm upgrade --install --wait` does.
 */
export class RecordingHelmRunner implements HelmRunner {
  readonly calls: string[] = [];
  /** The inputs of every upgradeInstall, to check what Helm was asked to install. */
  readonly installs: InstallInput[] = [];
  private readonly releases = new Map<string, string>();
  private readonly failures: { method: Method; error: Error }[] = [];

  /** Sets a release's status, e.g. `pending-install` for an install a dead worker left. */
  setStatus(release: string, namespace: string, status: string): void {
    this.releases.set(`${namespace}/${release}`, status);
  }

  failNext(method: Method, error: Error): void {
    this.failures.push({ method, error });
  }

  async upgradeInstall(input: InstallInput): Promise<void> {
    const key = this.record('upgradeInstall', input.release, input.namespace);
    this.installs.push(input);
    try {
      this.throwIfScripted('upgradeInstall');
    } catch (error) {
      this.releases.set(key, 'failed');
      throw error;
    }
    this.releases.set(key, 'deployed');
  }

  async uninstall(input: { release: string; namespace: string; timeoutSeconds: number }): Promise<void> {
    const key = this.record('uninstall', input.release, input.namespace);
    this.throwIfScripted('uninstall');
    this.releases.delete(key);
  }

  async status(release: string, namespace: string): Promise<string | undefined> {
    const key = this.record('status', release, namespace);
    this.throwIfScripted('status');
    return this.releases.get(key);
  }

  /** As CliHelmRunner: a pending install is uninstalled, another pending state rolled back to `deployed`. */
  async unstick(release: string, namespace: string): Promise<void> {
    const key = this.record('unstick', release, namespace);
    this.throwIfScripted('unstick');
    const status = this.releases.get(key);
    if (status === 'pending-install') this.releases.delete(key);
    else if (status?.startsWith('pending-')) this.releases.set(key, 'deployed');
  }

  private record(method: Method, release: string, namespace: string): string {
    const key = `${namespace}/${release}`;
    this.calls.push(`${method} ${key}`);
    return key;
  }

  private throwIfScripted(method: Method): void {
    const index = this.failures.findIndex((f) => f.method === method);
    if (index < 0) return;
    const [failure] = this.failures.splice(index, 1);
    if (failure) throw failure.error;
  }
}
