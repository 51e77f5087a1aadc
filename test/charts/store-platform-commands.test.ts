/**
 * The requirements' two install commands, as written, rendered by the real helm from the repository root (no
 * cluster): they render, carry the requirements' values, and what the stores get from them is a LimitRange the
 * API server accepts. Then the Kubernetes versions the charts render for: 1.24 and up, with the admission
 * policies only where the cluster serves their API. store-platform-install.int.test.ts installs both commands.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { repoRoot } from '@store-platform/test-cluster';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseQuantity } from '../../apps/provisioner/src/domain/quantity.js';
import { chartPath, find, helm, renderWith, setFlags, type K8sObject } from './helm.js';
import { kubernetesApi, unknownTo } from './kube-openapi.js';
import { installCommands, renderCommand, type Environment } from './store-platform-commands.js';

const policyApi = 'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy';
const storeValuesOf = (all: K8sObject[]) =>
  find(all, 'ConfigMap', 'store-platform-store-values').data?.['store-values.yaml'] ?? '';
const policies = (all: K8sObject[]) =>
  all.filter((o) => o.apiVersion.startsWith('admissionregistration.k8s.io/')).map((o) => o.kind);
const spreads = (all: K8sObject[]) =>
  all
    .filter((o) => o.kind === 'Deployment')
    .flatMap((o) => o.spec.template.spec.topologySpreadConstraints ?? []);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'store-platform-commands-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** One store of `plan`, installed as the provisioner would with the platform's store-values file. */
async function storeWith(storeValues: string, plan: string, flags: string[] = []): Promise<K8sObject[]> {
  const file = path.join(dir, `store-values-${plan}.yaml`);
  await writeFile(file, storeValues);
  return renderWith('store-instance', [
    '-f',
    file,
    ...setFlags({ 'store.name': 'shop', 'store.plan': plan }),
    ...flags,
  ]);
}

describe('the requirements’ install commands, as written', () => {
  it('are the commands the chart’s README gives', async () => {
    const readme = await readFile(path.join(chartPath('store-platform'), 'README.md'), 'utf8');
    for (const command of Object.values(installCommands)) expect(readme).toContain(command);
  });

  it.each([
    [
      'local',
      { host: 'dashboard.127.0.0.1.nip.io', issuer: 'selfsigned', claimClass: undefined, size: '5Gi' },
    ],
    [
      'production',
      {
        host: 'dashboard.stores.example.com',
        issuer: 'letsencrypt-prod',
        claimClass: 'fast-ssd',
        size: '50Gi',
      },
    ],
  ] as const)(
    'render from the repository root with the %s values the requirements list',
    async (env, expected) => {
      const all = await renderCommand(env as Environment);
      expect(find(all, 'Ingress', 'store-platform-dashboard').spec.rules[0].host).toBe(expected.host);
      find(all, 'ClusterIssuer', expected.issuer);
      const claim = find(all, 'StatefulSet', 'store-platform-postgresql').spec.volumeClaimTemplates[0].spec;
      expect(claim.storageClassName).toBe(expected.claimClass);
      expect(parse(storeValuesOf(all)).persistence).toEqual({ database: { size: expected.size } });
    },
  );

  it('give production stores requests of 500m CPU and 1Gi, in a LimitRange the API server accepts for every plan', async () => {
    const storeValues = storeValuesOf(await renderCommand('production'));
    for (const plan of ['basic', 'standard', 'premium']) {
      const [limits] = find(await storeWith(storeValues, plan), 'LimitRange', 'shop-limits').spec.limits;
      expect(limits.defaultRequest, plan).toMatchObject({ cpu: '500m', memory: '1Gi' });
      // The API server refuses a LimitRange unless defaultRequest <= default <= max, resource by resource.
      for (const resource of ['cpu', 'memory']) {
        const [request, limit, max] = [limits.defaultRequest, limits.default, limits.max].map((q) =>
          parseQuantity(q[resource]),
        );
        expect(request, `${plan} ${resource}`).toBeLessThanOrEqual(limit ?? 0);
        expect(limit, `${plan} ${resource}`).toBeLessThanOrEqual(max ?? 0);
      }
    }
  });

  it('name files that are links into the chart, so both places say the same', async () => {
    for (const file of ['values.yaml', 'values-local.yaml', 'values-prod.yaml']) {
      const [atRoot, inChart] = await Promise.all([
        readFile(path.join(repoRoot, file), 'utf8'),
        readFile(path.join(chartPath('store-platform'), file), 'utf8'),
      ]);
      expect(atRoot, file).toBe(inChart);
    }
  });
});

describe('Kubernetes versions', () => {
  it.each(['local', 'production'] as const)(
    'render the %s command for Kubernetes 1.24, without admission policies or fields 1.24 does not know',
    async (env) => {
      const all = await renderCommand(env, ['--kube-version', '1.24.0']);
      expect(policies(all)).toEqual([]);
      // matchLabelKeys is on from 1.27; Helm's validation would refuse the Deployment on an older API server.
      expect(spreads(all).length).toBeGreaterThan(0);
      expect(spreads(all).filter((s) => 'matchLabelKeys' in s)).toEqual([]);
      expect(find(all, 'Deployment', 'store-platform-provisioner').apiVersion).toBe('apps/v1');
      // Every store too.
      const store = await storeWith(storeValuesOf(all), 'basic', ['--kube-version', '1.24.0']);
      expect(store.length).toBeGreaterThan(10);
    },
  );

  it(
    'render only kinds and fields that Kubernetes 1.24 serves, for the platform and every engine’s store',
    { timeout: 60_000 },
    async () => {
      // The oldest release kubeVersion admits, as its own OpenAPI document describes it.
      const api = await kubernetesApi('v1.24.17');
      const kube = ['--kube-version', '1.24.0'];
      const platforms = await Promise.all([
        renderCommand('local', [...kube, '--set', 'provisioner.medusaEnabled=true']),
        renderCommand('production', kube),
      ]);
      const storeValues = storeValuesOf(platforms[1] ?? []);
      const stores = await Promise.all(
        ['woocommerce', 'medusa'].map((engine) =>
          storeWith(storeValues, 'basic', [...kube, '--set', `store.engine=${engine}`]),
        ),
      );
      const everything = [...platforms, ...stores].flat();
      expect(new Set(everything.map((o) => o.kind)).size).toBeGreaterThan(12);
      // cert-manager's ClusterIssuer is a CRD of cert-manager, not of Kubernetes.
      expect(unknownTo(api, everything, ['cert-manager.io'])).toEqual([]);
      // The check does find what 1.24 lacks: the admission policies and matchLabelKeys of newer releases.
      const newer = await renderCommand('production', ['--api-versions', policyApi]);
      expect(unknownTo(api, newer, ['cert-manager.io'])).toEqual(
        expect.arrayContaining([
          expect.stringContaining('ValidatingAdmissionPolicy is not served by Kubernetes v1.24.17'),
          expect.stringContaining(
            '.matchLabelKeys: not a field of io.k8s.api.core.v1.TopologySpreadConstraint',
          ),
        ]),
      );
    },
  );

  it('render the admission policies where the cluster serves their API, and keep the spread per rollout', async () => {
    const served = await renderCommand('production', ['--api-versions', policyApi]);
    expect(policies(served).sort()).toEqual([
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicyBinding',
      'ValidatingAdmissionPolicyBinding',
      'ValidatingAdmissionPolicyBinding',
    ]);
    expect(spreads(served).every((s) => s.matchLabelKeys?.[0] === 'pod-template-hash')).toBe(true);
    // No cluster to ask and no --api-versions: not served, as on Kubernetes 1.29 and older.
    expect(policies(await renderCommand('production'))).toEqual([]);
    // The operator's own RBAC: no policies of the provisioner's rights, whatever the cluster serves; the store
    // namespaces still refuse Services that expose them (they are not about the provisioner's rights).
    const own = await renderCommand('production', [
      '--api-versions',
      policyApi,
      '--set',
      'provisioner.rbac.create=false',
    ]);
    expect(
      own.filter((o) => o.apiVersion.startsWith('admissionregistration.k8s.io/')).map((o) => o.metadata.name),
    ).toEqual(['store-platform-store-services', 'store-platform-store-services']);
  });

  it('refuse Kubernetes 1.23 and older, saying which versions they need', async () => {
    await expect(renderCommand('local', ['--kube-version', '1.23.17'])).rejects.toThrow(
      'chart requires kubeVersion: >=1.24.0-0 which is incompatible with Kubernetes v1.23.17',
    );
    await expect(
      helm([
        'template',
        'shop',
        chartPath('store-instance'),
        '--set',
        'store.name=shop',
        '--kube-version',
        '1.23.17',
      ]),
    ).rejects.toThrow('chart requires kubeVersion: >=1.24.0-0');
  });
});
