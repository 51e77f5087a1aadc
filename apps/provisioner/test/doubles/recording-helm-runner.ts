import type { HelmRevision, HelmRunner, ReleaseInput } from '../../src/ports/helm-runner.js';

type Method = keyof HelmRunner;
type InstallInput = Parameters<HelmRunner['upgradeInstall']>[0];
type Values = Record<string, string | number | boolean>;

/** `store.plan=basic` as `{store: {plan: 'basic'}}`, as `helm get values` shows what --set gave. */
function nested(values: Values): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1) ?? path] = value;
  }
  return root;
}

/** `{store: {plan: 'basic'}}` as `store.plan=basic`: the inverse of `nested`. */
function flat(values: Record<string, unknown>, prefix = ''): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') Object.assign(out, flat(value as Record<string, unknown>, path));
    else out[path] = value as string | number | boolean;
  }
  return out;
}

/** A stand-in for a release's objects: one ConfigMap per value, so that a changed value is a changed object. */
export function fakeManifest(values: Values): string {
  return Object.entries(values)
    .map(
      ([key, value]) =>
        `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${key}\ndata:\n  value: "${String(value)}"\n`,
    )
    .join('');
}

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
  /** Each release's revisions, oldest first, with the values each was given. */
  readonly revisions = new Map<string, (HelmRevision & { values: Values })[]>();
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
    this.addRevision(key, input.values, 'deployed', 'Install complete');
  }

  async upgrade(input: ReleaseInput & { timeoutSeconds: number }): Promise<void> {
    const key = this.record('upgrade', input.release, input.namespace);
    this.installs.push(input);
    try {
      this.throwIfScripted('upgrade');
    } catch (error) {
      this.addRevision(key, input.values, 'failed', `Upgrade "${input.release}" failed`);
      this.releases.set(key, 'failed');
      throw error;
    }
    this.addRevision(key, input.values, 'deployed', 'Upgrade complete');
    this.releases.set(key, 'deployed');
  }

  /** As helm upgrade with a revision's values: a new revision with them (flattened back), described as asked. */
  async reapply(input: Parameters<HelmRunner['reapply']>[0]): Promise<void> {
    const key = this.record('reapply', input.release, input.namespace);
    this.calls.push(input.description);
    try {
      this.throwIfScripted('reapply');
    } catch (error) {
      this.addRevision(key, flat(input.values), 'failed', `Upgrade "${input.release}" failed`);
      this.releases.set(key, 'failed');
      throw error;
    }
    this.addRevision(key, flat(input.values), 'deployed', input.description);
    this.releases.set(key, 'deployed');
  }

  async history(release: string, namespace: string): Promise<HelmRevision[]> {
    const key = this.record('history', release, namespace);
    this.throwIfScripted('history');
    return [...(this.revisions.get(key) ?? [])].reverse().map(({ values: _values, ...r }) => r);
  }

  async values(release: string, namespace: string, revision?: number): Promise<Record<string, unknown>> {
    const key = this.record('values', release, namespace);
    this.throwIfScripted('values');
    const all = this.revisions.get(key) ?? [];
    const found = revision === undefined ? all.at(-1) : all.find((r) => r.revision === revision);
    if (!found) throw new Error('release: not found');
    return nested(found.values);
  }

  async manifest(release: string, namespace: string): Promise<string> {
    const key = this.record('manifest', release, namespace);
    this.throwIfScripted('manifest');
    const deployed = (this.revisions.get(key) ?? []).filter((r) => r.status === 'deployed').at(-1);
    return deployed ? fakeManifest(deployed.values) : '';
  }

  async renderUpgrade(input: ReleaseInput): Promise<string> {
    this.record('renderUpgrade', input.release, input.namespace);
    this.throwIfScripted('renderUpgrade');
    return fakeManifest(input.values);
  }

  /** The values of a release's newest revision (what the store runs on after an update or a rollback). */
  currentValues(release: string, namespace: string): Values | undefined {
    const all = this.revisions.get(`${namespace}/${release}`) ?? [];
    return all.filter((r) => r.status === 'deployed').at(-1)?.values;
  }

  private addRevision(key: string, values: Values, status: string, description: string): void {
    const all = this.revisions.get(key) ?? [];
    for (const r of all) if (r.status === 'deployed') r.status = 'superseded';
    all.push({
      revision: all.length + 1,
      updated: new Date(Date.UTC(2026, 0, 1, 0, all.length)).toISOString(),
      status,
      chart: 'store-instance-0.1.0',
      appVersion: '1.0.0',
      description,
      values: { ...values },
    });
    this.revisions.set(key, all);
  }

  async uninstall(input: { release: string; namespace: string; timeoutSeconds: number }): Promise<void> {
    const key = this.record('uninstall', input.release, input.namespace);
    this.throwIfScripted('uninstall');
    this.releases.delete(key);
    this.revisions.delete(key);
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
