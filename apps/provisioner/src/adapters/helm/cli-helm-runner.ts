import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { FailureKind } from '@store-platform/contracts';

import { ClusterError } from '../../domain/errors.js';
import type { HelmRevision, HelmRunner, ReleaseInput } from '../../ports/helm-runner.js';
import { restartRetryMs, retryWhile } from '../restart-retry.js';

const execFileAsync = promisify(execFile);

/** Helm's own words for a failure, without its note that it follows the chart's library symlink. */
function helmReason(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr ?? '';
  const lines = stderr
    .split('\n')
    .filter((line) => line.trim() && !line.includes('found symbolic link in path'));
  return lines.join('\n').replace(/^Error: /, '') || (error instanceof Error ? error.message : String(error));
}

/** Helm's failures by their words (its errors carry no codes); the first that matches wins. */
const helmKinds: [RegExp, FailureKind][] = [
  [/exceeded quota|forbidden: exceeded/i, 'quota_exceeded'],
  [/is forbidden|forbidden:|unauthorized/i, 'forbidden'],
  [/timed out|context deadline exceeded/i, 'timeout'],
  [/another operation .* is in progress|cannot re-use a name|already exists/i, 'conflict'],
  [/not found/i, 'not_found'],
  [/schema|is invalid|unable to build kubernetes objects|parse error|cannot unmarshal/i, 'invalid'],
  [
    /cluster unreachable|connection refused|connection reset|broken pipe|connection lost|no such host|i\/o timeout|EOF/i,
    'unavailable',
  ],
];

export function helmFailureKind(reason: string): FailureKind {
  return helmKinds.find(([pattern]) => pattern.test(reason))?.[1] ?? 'invalid';
}

/**
 * A failed helm run as a ClusterError: the kind its words say, and its last line (the error itself, at most 500
 * characters: helm prints the whole chain on one line); its whole stderr stays as the cause, for the log.
 */
function helmError(error: unknown): ClusterError {
  const reason = helmReason(error);
  const last = reason.split('\n').at(-1) ?? reason;
  return new ClusterError(helmFailureKind(reason), last.slice(0, 500), { cause: error });
}

/**
 * A value as `--set` reads it: a backslash or comma escaped with a backslash, as Helm's parser (strvals) would
 * otherwise split "Sweet Crumbs, Pune" into two keys and refuse the second.
 */
export const setEscaped = (value: string) => value.replace(/[\\,]/g, (c) => `\\${c}`);

/**
 * The values as flags: strings as strings (`--set` would type a store or install named `2024` or `true`), lists
 * and objects as JSON (`--set-json`, which reads a whole JSON document after the `=`).
 */
function valueFlags(
  input: Pick<ReleaseInput, 'values' | 'valuesFiles'> & { jsonValues?: Record<string, unknown> },
): string[] {
  const files = input.valuesFiles.flatMap((file) => ['--values', file]);
  const sets = Object.entries(input.values).flatMap(([key, value]) =>
    typeof value === 'string'
      ? ['--set-string', `${key}=${setEscaped(value)}`]
      : ['--set', `${key}=${value}`],
  );
  const json = Object.entries(input.jsonValues ?? {}).flatMap(([key, value]) => [
    '--set-json',
    `${key}=${JSON.stringify(value)}`,
  ]);
  return [...files, ...sets, ...json];
}

/** `helm upgrade` of a release that waits for its workloads, with `extra` flags (such as `--install`). */
const upgradeArgs = (
  input: ReleaseInput & { timeoutSeconds: number; jsonValues?: Record<string, unknown> },
  extra: string[],
) => [
  'upgrade',
  ...extra,
  input.release,
  input.chart,
  '--namespace',
  input.namespace,
  '--wait',
  '--timeout',
  `${input.timeoutSeconds}s`,
  ...valueFlags(input),
];

/**
 * The helm commands that converge when run again: reads, and an uninstall (it resumes one that was cut). These
 * are sent again while the API server is unreachable (a restart), as the Kubernetes client's calls are; an install,
 * upgrade or rollback cut mid-way leaves its release pending, which the flows' own clean-up handles (unstick).
 */
const convergent = new Set(['list', 'history', 'get', 'uninstall']);

/** HelmRunner that runs the helm CLI (the pinned v3.22.0), with the process's KUBECONFIG. */
export class CliHelmRunner implements HelmRunner {
  constructor(
    private readonly binary: string,
    private readonly retryMs = restartRetryMs,
  ) {}

  private async helm(args: string[], signal?: AbortSignal): Promise<string> {
    if (signal) return this.stoppable(args, signal);
    if (!convergent.has(args[0] ?? '')) return this.once(args);
    return retryWhile(
      () => this.once(args),
      (error) => error instanceof ClusterError && error.kind === 'unavailable',
      this.retryMs,
    );
  }

  private async once(args: string[]): Promise<string> {
    try {
      const { stdout } = await execFileAsync(this.binary, args, { maxBuffer: 16 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      throw helmError(error);
    }
  }

  /**
   * Runs helm until it ends or `signal` aborts, then sends it SIGTERM (Helm cancels its wait and exits) and
   * settles only once the process has exited, so that what follows (a clean-up's uninstall) never races it.
   * execFile's own `signal` option settles at the abort, before the process is gone.
   */
  private stoppable(args: string[], signal: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const stop = () => child.kill('SIGTERM');
      const child = execFile(this.binary, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        signal.removeEventListener('abort', stop);
        if (error) reject(helmError(Object.assign(error, { stderr })));
        else resolve(stdout);
      });
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    });
  }

  async upgradeInstall(input: Parameters<HelmRunner['upgradeInstall']>[0]): Promise<void> {
    await this.helm(upgradeArgs(input, ['--install']), input.signal);
  }

  async uninstall(input: { release: string; namespace: string; timeoutSeconds: number }): Promise<void> {
    if ((await this.status(input.release, input.namespace)) === undefined) return;
    // No --wait: the callers delete the namespace next and wait for that. Waiting here could last until the
    // timeout, since a failed hook Job's pods still hold the uploads claim (kubernetes.io/pvc-protection).
    try {
      await this.helm([
        'uninstall',
        input.release,
        '--namespace',
        input.namespace,
        '--timeout',
        `${input.timeoutSeconds}s`,
      ]);
    } catch (error) {
      // Sent again after a cut connection, it can find the release already gone: what it was asked to do.
      if (!(error instanceof ClusterError && error.kind === 'not_found')) throw error;
    }
  }

  async status(release: string, namespace: string): Promise<string | undefined> {
    const listed = await this.helm([
      'list',
      '--namespace',
      namespace,
      '--all',
      '--filter',
      `^${release}$`,
      '-o',
      'json',
    ]);
    const releases = JSON.parse(listed) as { name: string; status: string }[];
    return releases.find((r) => r.name === release)?.status;
  }

  async unstick(release: string, namespace: string): Promise<void> {
    const status = await this.status(release, namespace);
    // A first install that failed (its worker lost the API server mid-way, then died before cleaning up) has
    // no deployed revision, and `upgrade --install` refuses it ("has no deployed releases"): it goes, as a pending
    // install does. A failed upgrade keeps its deployed revision and is upgraded as it is.
    if (status === 'failed') {
      const history = await this.history(release, namespace);
      if (!history.some((r) => r.status === 'deployed' || r.status === 'superseded'))
        await this.helm(['uninstall', release, '--namespace', namespace]);
      return;
    }
    if (!status?.startsWith('pending-')) return;
    // A pending install has no good revision to return to; a pending upgrade or rollback has.
    if (status === 'pending-install') {
      await this.helm(['uninstall', release, '--namespace', namespace]);
    } else {
      await this.helm(['rollback', release, '--namespace', namespace, '--wait']);
    }
  }

  async upgrade(input: ReleaseInput & { timeoutSeconds: number; signal?: AbortSignal }): Promise<void> {
    // No --install: an update of a store whose release is gone must fail, not install a new store.
    await this.helm(upgradeArgs(input, []), input.signal);
  }

  async reapply(input: Parameters<HelmRunner['reapply']>[0]): Promise<void> {
    // The revision's values as one file (JSON is YAML), typed as Helm stored them; --reset-values so that nothing
    // of the current revision's values carries over. Owner-only and removed at once: the operator's values files
    // were merged into these values.
    const dir = await mkdtemp(path.join(tmpdir(), 'store-values-'));
    const file = path.join(dir, 'values.json');
    try {
      await writeFile(file, JSON.stringify(input.values), { mode: 0o600 });
      await this.helm([
        ...upgradeArgs({ ...input, values: {}, valuesFiles: [file] }, ['--reset-values']),
        '--description',
        input.description,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async history(release: string, namespace: string): Promise<HelmRevision[]> {
    if ((await this.status(release, namespace)) === undefined) return [];
    const listed = JSON.parse(
      await this.helm(['history', release, '--namespace', namespace, '--max', '256', '-o', 'json']),
    ) as {
      revision: number;
      updated: string;
      status: string;
      chart: string;
      app_version: string;
      description: string;
    }[];
    return listed
      .map((r) => ({
        revision: r.revision,
        updated: r.updated,
        status: r.status,
        chart: r.chart,
        appVersion: r.app_version,
        description: r.description,
      }))
      .sort((a, b) => b.revision - a.revision);
  }

  async values(release: string, namespace: string, revision?: number): Promise<Record<string, unknown>> {
    const which = revision === undefined ? [] : ['--revision', String(revision)];
    const out = await this.helm(['get', 'values', release, '--namespace', namespace, '-o', 'json', ...which]);
    // A release given no values answers `null`.
    return (JSON.parse(out) as Record<string, unknown> | null) ?? {};
  }

  manifest(release: string, namespace: string): Promise<string> {
    return this.helm(['get', 'manifest', release, '--namespace', namespace]);
  }

  async renderUpgrade(input: ReleaseInput): Promise<string> {
    // The upgrade itself, dry: same chart, values files and schema check, and `lookup` sees the cluster. The JSON
    // release keeps the objects (`manifest`) apart from the hooks, which `helm get manifest` leaves out too.
    // https://helm.sh/docs/helm/helm_upgrade/ (--dry-run=server)
    const out = await this.helm([
      'upgrade',
      input.release,
      input.chart,
      '--namespace',
      input.namespace,
      '--dry-run=server',
      '-o',
      'json',
      ...valueFlags(input),
    ]);
    return (JSON.parse(out) as { manifest?: string }).manifest ?? '';
  }
}
