/**
 * The defaults of each `global.environment`, which live in helm-charts/store-platform/values.yaml under
 * `environments`: the schema covers them, the real helm (no cluster) renders them where a value is left empty,
 * and the chart's README shows them in a table that must say the same.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { chartPath, find, renderWith, setFlags, type K8sObject } from './helm.js';

const chart = chartPath('store-platform');
const target = { release: 'store-platform', namespace: 'store-platform' };

interface CpuMemory {
  cpu: string | number;
  memory: string;
}
type Resources = { requests: CpuMemory; limits: CpuMemory };
type Component = 'dashboard' | 'provisioner' | 'postgresql';
interface Defaults {
  baseDomain: string;
  storageClass: string;
  issuer: string;
  dashboardReplicas: number;
  resources: Record<Component, Resources>;
}

const readValues = async () =>
  parse(await readFile(path.join(chart, 'values.yaml'), 'utf8')) as {
    environments: Record<string, Defaults>;
  };

const code = (text: string) => `\`${text}\``;
const pair = ({ cpu, memory }: CpuMemory) => `${String(cpu)}, ${memory}`;

/** The README's rows: each value a default stands in for, and how the README writes that default. */
const rows: [string, (d: Defaults) => string][] = [
  ['`global.baseDomain`', (d) => (d.baseDomain ? code(d.baseDomain) : 'required')],
  [
    '`global.storageClass` (null)',
    (d) => (d.storageClass ? code(d.storageClass) : "`''` (the cluster's default class)"),
  ],
  ['`certManager.issuer`', (d) => code(d.issuer)],
  ['`dashboard.replicas`', (d) => String(d.dashboardReplicas)],
  ...(['dashboard', 'provisioner', 'postgresql'] as const).map((c): [string, (d: Defaults) => string] => [
    `\`${c}.resources\` requests / limits`,
    (d) => `${pair(d.resources[c].requests)} / ${pair(d.resources[c].limits)}`,
  ]),
];

/** The table README.md must hold, made from values.yaml. */
function expectedTable(environments: Record<string, Defaults>): string[] {
  const names = Object.keys(environments);
  return [
    `| Value | ${names.map(code).join(' | ')} |`,
    `| --- | ${names.map(() => '---').join(' | ')} |`,
    ...rows.map(([label, cell]) => `| ${label} | ${names.map((n) => cell(environments[n]!)).join(' | ')} |`),
  ];
}

/** The first table after the README's heading on `global.environment`. */
async function readmeTable(): Promise<string[]> {
  const lines = (await readFile(path.join(chart, 'README.md'), 'utf8')).split('\n');
  const heading = lines.findIndex((line) => line.startsWith('## What `global.environment` decides'));
  expect(heading, 'README.md heading "What `global.environment` decides"').toBeGreaterThan(-1);
  const start = lines.findIndex((line, i) => i > heading && line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start, end);
}

/** values.yaml alone with `global.environment` set: every value the environments fill is left empty there. */
const renderEnvironment = (environment: string, values: Record<string, string> = {}) =>
  renderWith('store-platform', setFlags({ 'global.environment': environment, ...values }), target);

const containerOf = (all: K8sObject[], kind: string, name: string) =>
  find(all, kind, name).spec.template.spec.containers[0];

describe('store-platform environment defaults', () => {
  it('are one entry for each value global.environment may take, in values.yaml and the schema', async () => {
    const { environments } = await readValues();
    const schema = JSON.parse(await readFile(path.join(chart, 'values.schema.json'), 'utf8'));
    const allowed = schema.properties.global.properties.environment.enum as string[];
    expect(Object.keys(environments).sort()).toEqual([...allowed].sort());
    expect(schema.properties.environments.required.sort()).toEqual([...allowed].sort());
  });

  it('are the table README.md shows', async () => {
    const { environments } = await readValues();
    expect(await readmeTable()).toEqual(expectedTable(environments));
  });

  it('fill every value left empty, in each environment', async () => {
    const { environments } = await readValues();
    for (const [environment, defaults] of Object.entries(environments)) {
      // An environment without a domain of its own needs one given (the next test); any will do here.
      const domain: Record<string, string> = defaults.baseDomain
        ? {}
        : { 'global.baseDomain': 'stores.example.org' };
      const all = await renderEnvironment(environment, domain);
      const host = `dashboard.${defaults.baseDomain || 'stores.example.org'}`;
      expect(find(all, 'Ingress', 'store-platform-dashboard').spec.rules[0].host).toBe(host);
      const claim = find(all, 'StatefulSet', 'store-platform-postgresql').spec.volumeClaimTemplates[0].spec;
      // '' is the cluster's default class: the claim then names none.
      expect(claim.storageClassName).toBe(defaults.storageClass || undefined);
      find(all, 'ClusterIssuer', defaults.issuer);
      expect(find(all, 'Deployment', 'store-platform-dashboard').spec.replicas).toBe(
        defaults.dashboardReplicas,
      );
      expect(containerOf(all, 'Deployment', 'store-platform-dashboard').resources).toEqual(
        defaults.resources.dashboard,
      );
      expect(containerOf(all, 'Deployment', 'store-platform-provisioner').resources).toEqual(
        defaults.resources.provisioner,
      );
      expect(containerOf(all, 'StatefulSet', 'store-platform-postgresql').resources).toEqual(
        defaults.resources.postgresql,
      );
    }
  });

  it('leave production without a domain, so that an install must give one', async () => {
    const { environments } = await readValues();
    expect(environments.production?.baseDomain).toBe('');
    await expect(renderEnvironment('production')).rejects.toThrow(
      'global.baseDomain is required in production',
    );
  });

  it.each([
    [{ 'environments.staging.issuer': 'selfsigned' }, "at '/environments': additional properties 'staging'"],
    [{ 'environments.local.dashboardReplicas': '0' }, "at '/environments/local/dashboardReplicas': minimum"],
    [
      { 'environments.production.resources.dashboard.requests.cpu': 'lots' },
      "at '/environments/production/resources/dashboard/requests/cpu'",
    ],
  ])('are checked by the schema: %j is refused', async (values, reason) => {
    await expect(renderEnvironment('local', values)).rejects.toThrow(reason);
  });
});
