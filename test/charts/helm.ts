import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { repoRoot, resolveTools } from '@store-platform/test-cluster';
import { parseAllDocuments } from 'yaml';

const execFileAsync = promisify(execFile);

/** Path of a chart in helm-charts/. */
export const chartPath = (name: string) => path.join(repoRoot, 'helm-charts', name);

/** Any part of a rendered manifest: untyped YAML, whose shape is what the tests assert. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rendered = any;

/** A rendered Kubernetes object: tests read the fields they assert. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Rendered;
  data?: Record<string, string>;
}

/** `--set key=value` flags for each entry. */
export function setFlags(values: Record<string, string | number | boolean>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ['--set', `${key}=${String(value)}`]);
}

/**
 * Runs the pinned helm in the repository root (where the README's commands run, so relative paths mean the
 * same); resolves with stdout, or rejects with helm's own error text.
 */
export async function helm(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const tools = await resolveTools();
  try {
    const { stdout } = await execFileAsync(tools.helm, args, {
      cwd: repoRoot,
      env,
      maxBuffer: 32 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    // Helm notes that it follows the chart's symlink to the library chart; that is not the error.
    const reason = stderr
      .split('\n')
      .filter((line) => !line.includes('found symbolic link in path'))
      .join('\n')
      .trim();
    throw new Error(reason, { cause: error });
  }
}

/** `helm template` of a chart with values, parsed into objects (hooks and tests included). */
export async function render(
  chart: string,
  values: Record<string, string | number | boolean>,
): Promise<K8sObject[]> {
  const stdout = await helm([
    'template',
    'release',
    chartPath(chart),
    '--namespace',
    'store-test',
    ...setFlags(values),
  ]);
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((doc): doc is K8sObject => doc !== null);
}

/** Finds one object by kind and name, or throws listing what was rendered. */
export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) {
    const names = objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ');
    throw new Error(`${kind}/${name} not rendered; got ${names}`);
  }
  return found;
}

/** Pod specs of every workload, job, cron job and bare pod, with the owning object. */
export function podSpecs(objects: K8sObject[]): { owner: K8sObject; spec: Rendered }[] {
  return objects.flatMap((owner) => {
    if (owner.kind === 'Pod') return [{ owner, spec: owner.spec }];
    if (['Deployment', 'StatefulSet', 'Job'].includes(owner.kind))
      return [{ owner, spec: owner.spec.template.spec }];
    if (owner.kind === 'CronJob') return [{ owner, spec: owner.spec.jobTemplate.spec.template.spec }];
    return [];
  });
}

/** `helm template` of a chart as `release` in `namespace`, with any flags (values files, --set), parsed. */
export async function renderWith(
  chart: string,
  flags: string[],
  { release = 'release', namespace = 'store-test' } = {},
): Promise<K8sObject[]> {
  const stdout = await helm(['template', release, chartPath(chart), '--namespace', namespace, ...flags]);
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((doc): doc is K8sObject => doc !== null);
}

/**
 * The store chart as the provisioner installs it: with the store-values.yaml the platform chart rendered into
 * its ConfigMap (`valuesFile`, its text), as store `shop`.
 */
export async function renderStoreWithPlatformValues(valuesFile: string): Promise<K8sObject[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'store-values-'));
  try {
    await writeFile(path.join(dir, 'store-values.yaml'), valuesFile);
    return await renderWith('store-instance', [
      '-f',
      path.join(dir, 'store-values.yaml'),
      ...setFlags({ 'store.name': 'shop' }),
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
