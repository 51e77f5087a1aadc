/**
 * helm-charts/store-platform installed for real with the local command of its README: the pinned helm against
 * the local control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok) that the
 * integration global setup starts. kwok makes pods Ready without pulling images.
 */
import path from 'node:path';

import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { waitFor } from '../cluster/src/wait.js';
import { registerClusterIssuerCrd } from './cert-manager.js';
import { chartPath, helm } from './helm.js';

const env = { ...process.env, KUBECONFIG: inject('kubeconfig') };
const kc = new k8s.KubeConfig();
kc.loadFromFile(inject('kubeconfig'));
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);
const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);

const namespace = 'store-platform';
const chart = chartPath('store-platform');
/** The local install command of the README, as written. */
const localCommand = [
  ...['install', 'store-platform', chart, '-f', path.join(chart, 'values-local.yaml')],
  ...['-n', namespace, '--create-namespace'],
];
/** Added to the command: Helm waits for every workload, with a timeout below the test's. */
const simulated = ['--wait', '--timeout', '5m'];
const instance = `app.kubernetes.io/instance=store-platform`;

const gone = (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    (error: unknown) =>
      error instanceof k8s.ApiException && error.code === 404 ? true : Promise.reject(error),
  );

async function expectEveryWorkloadReady(): Promise<void> {
  const { items: deployments } = await apps.listNamespacedDeployment({ namespace });
  const ready = Object.fromEntries(
    deployments.map((d) => [d.metadata?.name, `${d.status?.readyReplicas}/${d.spec?.replicas}`]),
  );
  expect(ready).toEqual({ 'store-platform-dashboard': '1/1', 'store-platform-provisioner': '2/2' });
  const database = await apps.readNamespacedStatefulSet({ name: 'store-platform-postgresql', namespace });
  expect(database.status?.readyReplicas).toBe(1);
  const claim = await core.readNamespacedPersistentVolumeClaim({
    name: 'data-store-platform-postgresql-0',
    namespace,
  });
  expect(claim.status?.phase).toBe('Bound');
}

/** The generated passwords, by Secret name. */
async function passwords(): Promise<Record<string, string | undefined>> {
  const names = ['store-platform-admin', 'store-platform-postgresql'];
  const secrets = await Promise.all(names.map((name) => core.readNamespacedSecret({ name, namespace })));
  return Object.fromEntries(secrets.map((s) => [s.metadata?.name, s.data?.password]));
}

/** Deletes the namespace (with what uninstall keeps on purpose) and waits until it and its volumes are gone. */
async function deleteNamespace(): Promise<void> {
  const existing = await gone(core.readNamespace({ name: namespace }));
  if (existing) return;
  const { items: claims } = await core.listNamespacedPersistentVolumeClaim({ namespace });
  await core.deleteNamespace({ name: namespace });
  await waitFor(`namespace ${namespace} to be gone`, () => gone(core.readNamespace({ name: namespace })), {
    timeoutMs: 60_000,
  });
  for (const volume of claims.map((c) => c.spec?.volumeName)) {
    if (volume)
      await waitFor(`volume ${volume} to be deleted`, () =>
        gone(core.readPersistentVolume({ name: volume })),
      );
  }
}

describe('store-platform on the control plane', () => {
  // cert-manager's CRD, as on a cluster made by `make up`: the local values create a ClusterIssuer.
  beforeAll(() => registerClusterIssuerCrd(inject('kubeconfig')));
  afterAll(async () => {
    // A failed run must not leave the cluster-wide RBAC objects or the namespace to the next one.
    const releases = await helm(['list', '-n', namespace, '-q'], env);
    if (releases.split('\n').includes('store-platform')) {
      await helm(['uninstall', 'store-platform', '-n', namespace, '--wait'], env);
    }
    await deleteNamespace();
  });

  it(
    'installs with the local command, keeps its passwords on upgrade and across a reinstall',
    { timeout: 400_000 },
    async () => {
      // The namespace enforces Pod Security "restricted", as the README asks: a pod that is not refused admission.
      await core.createNamespace({
        body: {
          metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
        },
      });
      const installed = await helm([...localCommand, ...simulated], env);
      expect(installed).toContain('STATUS: deployed');
      expect(installed).toContain('Dashboard: https://dashboard.127.0.0.1.nip.io');
      expect(installed).toContain(
        "kubectl -n store-platform get secret store-platform-admin -o jsonpath='{.data.password}' | base64 -d",
      );
      await expectEveryWorkloadReady();
      const ingress = await kc
        .makeApiClient(k8s.NetworkingV1Api)
        .readNamespacedIngress({ name: 'store-platform-dashboard', namespace });
      expect(ingress.spec?.rules?.[0]?.host).toBe('dashboard.127.0.0.1.nip.io');
      expect(ingress.metadata?.annotations?.['cert-manager.io/cluster-issuer']).toBe('selfsigned');
      const issuers = kc.makeApiClient(k8s.CustomObjectsApi);
      const issuer = (await issuers.getClusterCustomObject({
        group: 'cert-manager.io',
        version: 'v1',
        plural: 'clusterissuers',
        name: 'selfsigned',
      })) as { spec: Record<string, unknown> };
      expect(issuer.spec).toEqual({ selfSigned: {} });

      const before = await passwords();
      expect(Object.values(before).every((p) => p && Buffer.from(p, 'base64').length === 32)).toBe(true);
      const upgraded = await helm(
        [
          'upgrade',
          'store-platform',
          chart,
          '-f',
          path.join(chart, 'values-local.yaml'),
          '-n',
          namespace,
          ...simulated,
        ],
        env,
      );
      expect(upgraded).toMatch(/REVISION: 2/);
      expect(await passwords()).toEqual(before);
      await expectEveryWorkloadReady();

      await helm(['uninstall', 'store-platform', '-n', namespace, '--wait'], env);
      const [deployments, statefulSets, services] = await Promise.all([
        apps.listNamespacedDeployment({ namespace, labelSelector: instance }),
        apps.listNamespacedStatefulSet({ namespace, labelSelector: instance }),
        core.listNamespacedService({ namespace, labelSelector: instance }),
      ]);
      expect([...deployments.items, ...statefulSets.items, ...services.items]).toEqual([]);
      await expect(gone(rbac.readClusterRole({ name: 'store-platform-provisioner' }))).resolves.toBe(true);
      await expect(
        gone(
          kc.makeApiClient(k8s.CustomObjectsApi).getClusterCustomObject({
            group: 'cert-manager.io',
            version: 'v1',
            plural: 'clusterissuers',
            name: 'selfsigned',
          }),
        ),
      ).resolves.toBe(true);
      // Kept on purpose: the database's data and its password, and the admin password that matches it.
      const kept = await core.listNamespacedSecret({ namespace, labelSelector: instance });
      expect(kept.items.map((s) => s.metadata?.name).sort()).toEqual([
        'store-platform-admin',
        'store-platform-postgresql',
      ]);
      const { items: claims } = await core.listNamespacedPersistentVolumeClaim({ namespace });
      expect(claims.map((c) => c.metadata?.name)).toEqual(['data-store-platform-postgresql-0']);

      // Installing again takes the kept Secrets back, so the kept database opens with its password.
      await helm([...localCommand, ...simulated], env);
      expect(await passwords()).toEqual(before);
      await expectEveryWorkloadReady();
      const claim = await core.readNamespacedPersistentVolumeClaim({
        name: 'data-store-platform-postgresql-0',
        namespace,
      });
      expect(claim.metadata?.uid).toBe(claims[0]?.metadata?.uid);
    },
  );
});
