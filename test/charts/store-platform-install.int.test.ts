/**
 * helm-charts/store-platform installed for real with the requirements' two commands, as written, from the
 * repository root: the pinned helm against the local control plane (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kwok) that the integration global setup starts. kwok makes pods Ready
 * without pulling images. Both commands run the local backup store (rclone serve s3 on a claim) for backups.
 */
import * as k8s from '@kubernetes/client-node';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { registerClusterIssuerCrd } from './cert-manager.js';
import { helm } from './helm.js';
import { commandArgs } from './store-platform-commands.js';

const { env, kc, core, apps } = adminKube(inject('kubeconfig'));
const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
const storage = kc.makeApiClient(k8s.StorageV1Api);
const admission = kc.makeApiClient(k8s.AdmissionregistrationV1Api);

const namespace = 'store-platform';
/** The local install command, as written. */
const localCommand = commandArgs('local');
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
  expect(ready).toEqual({
    'store-platform-backup-store': '1/1',
    'store-platform-dashboard': '1/1',
    'store-platform-provisioner': '2/2',
  });
  // The backup store serves once its claim is bound: Available, as `kubectl rollout status` reports it.
  const backupStore = deployments.find((d) => d.metadata?.name === 'store-platform-backup-store');
  const available = backupStore?.status?.conditions?.find((c) => c.type === 'Available');
  expect(available?.status).toBe('True');
  const backups = await core.readNamespacedPersistentVolumeClaim({
    name: 'store-platform-backup-store',
    namespace,
  });
  expect(backups.status?.phase).toBe('Bound');
  const database = await apps.readNamespacedStatefulSet({ name: 'store-platform-postgresql', namespace });
  expect(database.status?.readyReplicas).toBe(1);
  const claim = await core.readNamespacedPersistentVolumeClaim({
    name: 'data-store-platform-postgresql-0',
    namespace,
  });
  expect(claim.status?.phase).toBe('Bound');
}

/** The generated passwords and the backup store's access key, by Secret and key. */
async function passwords(): Promise<Record<string, string | undefined>> {
  const names = ['store-platform-admin', 'store-platform-postgresql', 'store-platform-backup-store'];
  const secrets = await Promise.all(names.map((name) => core.readNamespacedSecret({ name, namespace })));
  return Object.fromEntries(
    secrets.flatMap((s) =>
      Object.entries(s.data ?? {}).map(([key, value]) => [`${s.metadata?.name}/${key}`, value]),
    ),
  );
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

/** Uninstalls the release, if there is one. */
async function uninstall(): Promise<void> {
  const releases = await helm(['list', '-n', namespace, '-q'], env);
  if (releases.split('\n').includes('store-platform')) {
    await helm(['uninstall', 'store-platform', '-n', namespace, '--wait'], env);
  }
}

/** Deletes what an uninstall keeps on purpose (the database's claim and the passwords), and waits for the claim. */
async function forgetData(): Promise<void> {
  await core.deleteCollectionNamespacedSecret({ namespace, labelSelector: instance });
  await core.deleteCollectionNamespacedPersistentVolumeClaim({ namespace, labelSelector: instance });
  await waitFor('the kept claim to be gone', async () => {
    const { items } = await core.listNamespacedPersistentVolumeClaim({ namespace });
    return items.length === 0 ? true : undefined;
  });
}

/** The namespace enforces Pod Security "restricted", as the README asks: a pod that is not refused admission. */
const createNamespace = () =>
  core.createNamespace({
    body: { metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
  });

describe('store-platform on the control plane', () => {
  // cert-manager's CRD, as on a cluster made by `make up`: both values files create a ClusterIssuer.
  beforeAll(() => registerClusterIssuerCrd(inject('kubeconfig')));
  // A failed run must not leave the cluster-wide RBAC objects or the namespace to the next one.
  afterAll(async () => {
    await uninstall();
    await deleteNamespace();
    await gone(storage.deleteStorageClass({ name: 'fast-ssd' }));
  });

  it(
    'installs with the local command, keeps its passwords on upgrade and across a reinstall',
    { timeout: 400_000 },
    async () => {
      await createNamespace();
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
      expect(Object.keys(before).sort()).toEqual([
        'store-platform-admin/password',
        'store-platform-backup-store/access-key-id',
        'store-platform-backup-store/secret-access-key',
        'store-platform-postgresql/password',
      ]);
      expect(Object.values(before).every((p) => p && Buffer.from(p, 'base64').length === 32)).toBe(true);
      // The same command with `upgrade`, as the README says (no --create-namespace: upgrade has no such flag).
      const upgrade = ['upgrade', ...localCommand.slice(1).filter((flag) => flag !== '--create-namespace')];
      const upgraded = await helm([...upgrade, ...simulated], env);
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
      // Kept on purpose: the database's data and its password, the admin password that matches it, and the
      // stores' backups with the backup store's key.
      const kept = await core.listNamespacedSecret({ namespace, labelSelector: instance });
      expect(kept.items.map((s) => s.metadata?.name).sort()).toEqual([
        'store-platform-admin',
        'store-platform-backup-store',
        'store-platform-postgresql',
      ]);
      const { items: claims } = await core.listNamespacedPersistentVolumeClaim({ namespace });
      expect(claims.map((c) => c.metadata?.name).sort()).toEqual([
        'data-store-platform-postgresql-0',
        'store-platform-backup-store',
      ]);

      // Installing again takes the kept Secrets back, so the kept database opens with its password.
      await helm([...localCommand, ...simulated], env);
      expect(await passwords()).toEqual(before);
      await expectEveryWorkloadReady();
      // The same claims, not new empty ones: the database and the backups are back.
      const { items: again } = await core.listNamespacedPersistentVolumeClaim({ namespace });
      const uids = (list: k8s.V1PersistentVolumeClaim[]) => list.map((c) => c.metadata?.uid).sort();
      expect(uids(again)).toEqual(uids(claims));
    },
  );
  it(
    'installs with the production command as written, and its notes say what a real cluster needs changed',
    { timeout: 200_000 },
    async () => {
      // A fresh start in the namespace the local install used: the same Pod Security label, none of its data.
      await uninstall();
      if (await gone(core.readNamespace({ name: namespace }))) await createNamespace();
      await forgetData();
      // As written: no --wait, as the requirements' command has none; the test waits for what it checks.
      const installed = await helm(commandArgs('production'), env);
      expect(installed).toContain('STATUS: deployed');
      expect(installed).toContain('Dashboard: https://dashboard.stores.example.com');
      const notes = installed.replace(/\s+/g, ' ');
      expect(notes).toContain(
        'WARNING: global.baseDomain is stores.example.com, a domain reserved for examples (RFC 2606)',
      );
      // Other test files running beside this one may add classes of their own (storage growth makes one).
      expect(notes).toMatch(
        /WARNING: global\.storageClass is fast-ssd, and this cluster has no StorageClass of that name \(it has: [^)]*\bstandard\b[^)]*\)\./,
      );
      expect(notes).toContain('NOTE: certManager.email is empty');
      expect(notes).toContain(
        "NOTE: store backups go to the platform's own backup store, the claim store-platform-backup-store",
      );

      // The requirements' values reached the cluster.
      const issuer = (await kc.makeApiClient(k8s.CustomObjectsApi).getClusterCustomObject({
        group: 'cert-manager.io',
        version: 'v1',
        plural: 'clusterissuers',
        name: 'letsencrypt-prod',
      })) as { spec: { acme: Record<string, unknown> } };
      expect(issuer.spec.acme.server).toBe('https://acme-v02.api.letsencrypt.org/directory');
      expect(issuer.spec.acme).not.toHaveProperty('email');
      const storeValues = await core.readNamespacedConfigMap({
        name: 'store-platform-store-values',
        namespace,
      });
      expect(storeValues.data?.['store-values.yaml']).toContain('size: 50Gi');
      // This cluster serves admissionregistration.k8s.io/v1: the provisioner's policies are there.
      const policy = await admission.readValidatingAdmissionPolicy({
        name: 'store-platform-provisioner-namespaces',
      });
      expect(policy.spec?.failurePolicy).toBe('Fail');

      // What the warning says: PostgreSQL's claim waits for a class of that name...
      const claimName = 'data-store-platform-postgresql-0';
      const claim = await waitFor('the PostgreSQL claim', () =>
        core.readNamespacedPersistentVolumeClaim({ name: claimName, namespace }).catch(() => undefined),
      );
      expect(claim.spec?.storageClassName).toBe('fast-ssd');
      expect(claim.status?.phase).toBe('Pending');
      // ...and once the class exists, the platform comes up with no change to the release.
      await storage.createStorageClass({
        body: {
          metadata: { name: 'fast-ssd' },
          provisioner: 'kubernetes.io/host-path',
          reclaimPolicy: 'Delete',
          volumeBindingMode: 'Immediate',
        },
      });
      await waitFor(
        'PostgreSQL to be ready on a fast-ssd volume',
        async () => {
          const database = await apps.readNamespacedStatefulSet({
            name: 'store-platform-postgresql',
            namespace,
          });
          return database.status?.readyReplicas === 1 ? true : undefined;
        },
        { timeoutMs: 90_000 },
      );
      await waitFor('the dashboard, the provisioner and the backup store to be ready', async () => {
        const { items } = await apps.listNamespacedDeployment({ namespace });
        return items.length === 3 && items.every((d) => (d.status?.readyReplicas ?? 0) >= 1)
          ? true
          : undefined;
      });
      const upgraded = await helm(
        [
          'upgrade',
          ...commandArgs('production')
            .slice(1)
            .filter((flag) => flag !== '--create-namespace'),
        ],
        env,
      );
      // Nothing left to warn about the class; the reserved domain still is.
      expect(upgraded).not.toContain('WARNING: global.storageClass');
      expect(upgraded).toContain('WARNING: global.baseDomain is stores.example.com');
    },
  );
});
