import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import * as k8s from '@kubernetes/client-node';

import { adminKube, repoRoot, resolveTools, waitFor } from '@store-platform/test-cluster';

// The provisioner's own settings parser and values: the raw install gets exactly what a create passes to Helm.
import { loadSettings } from '../../../apps/provisioner/src/config/settings.js';
import { randomSecret } from '../../../apps/provisioner/src/services/provisioning/create-flow.js';
import { storeValues } from '../../../apps/provisioner/src/services/provisioning/store-values.js';
import { woocommerce } from '../../../apps/provisioner/src/engines/woocommerce.js';
import type { BenchPlatform } from './platform.js';

const run = promisify(execFile);

/** The same flags as the provisioner's CliHelmRunner.upgradeInstall (adapters/helm/cli-helm-runner.ts). */
function helmArgs(platform: BenchPlatform, name: string): string[] {
  const settings = loadSettings(platform.env);
  const values = storeValues(
    { name, engine: 'woocommerce', plan: 'basic', settings: {}, secretVersion: 1 },
    settings,
  );
  const timeoutSeconds = Math.max(60, Math.floor(settings.OPERATION_TIMEOUT_SECONDS * 0.7));
  return [
    'upgrade',
    '--install',
    `store-${name}`,
    settings.STORE_CHART || path.join(repoRoot, 'helm-charts', 'store-instance'),
    '--namespace',
    `store-${name}`,
    '--wait',
    '--timeout',
    `${timeoutSeconds}s`,
    ...settings.STORE_VALUES_FILES.flatMap((file) => ['--values', file]),
    ...Object.entries(values).flatMap(([key, value]) => [
      typeof value === 'string' ? '--set-string' : '--set',
      `${key}=${String(value)}`,
    ]),
  ];
}

/**
 * What the provisioner makes before its install step, made here as the cluster's admin and not timed: the namespace
 * with the store's labels and Pod Security, the RoleBinding that gives the provisioner's identity its rights there
 * (waited for until the API server authorises it, as access.ts does), and the credentials Secret.
 */
export async function prepareRawStore(platform: BenchPlatform, name: string): Promise<void> {
  const { kc, core } = adminKube(platform.cluster.kubeconfig);
  const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  const namespace = `store-${name}`;
  const labels = {
    'app.kubernetes.io/part-of': 'store-platform',
    'app.kubernetes.io/managed-by': 'store-platform-provisioner',
    'store-platform.io/store': name,
    'store-platform.io/engine': 'woocommerce',
    'store-platform.io/plan': 'basic',
    'store-platform.io/instance': platform.identity.instance,
  };
  await core.createNamespace({
    body: {
      metadata: {
        name: namespace,
        labels: {
          ...labels,
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    },
  });
  const role = platform.identity.storeClusterRole;
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: role, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [
        {
          kind: 'ServiceAccount',
          namespace: platform.identity.namespace,
          name: platform.identity.serviceAccount,
        },
      ],
    },
  });
  const generated = Object.entries(woocommerce.generatedSecrets).map(([key, length]) => [
    key,
    randomSecret(length),
  ]);
  await core.createNamespacedSecret({
    namespace,
    body: {
      metadata: { name: `${name}-credentials`, namespace, labels },
      stringData: {
        ...Object.fromEntries(generated),
        'admin-user': 'admin',
        'admin-email': `admin@${name}.127.0.0.1.nip.io`,
      },
    },
  });
  const identity = new k8s.KubeConfig();
  identity.loadFromFile(platform.identity.kubeconfig);
  const authorization = identity.makeApiClient(k8s.AuthorizationV1Api);
  await waitFor(`the provisioner's RoleBinding in ${namespace} to take effect`, async () => {
    const review = await authorization.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { namespace, verb: 'create', resource: 'secrets' } } },
    });
    return review.status?.allowed ? true : undefined;
  });
}

/** Times `helm upgrade --install --wait` of the store chart with a store's values, as the provisioner's identity. */
export async function timeRawInstall(platform: BenchPlatform, name: string): Promise<number> {
  const { helm } = await resolveTools();
  const args = helmArgs(platform, name);
  const started = performance.now();
  await run(helm, args, { env: { ...process.env, KUBECONFIG: platform.identity.kubeconfig } });
  return performance.now() - started;
}

/**
 * Times `helm status` of the store's release before it exists: the call the provisioner's install step makes first
 * (CliHelmRunner.unstick), so the breakdown can say what one more helm process costs.
 */
export async function timeHelmStatus(platform: BenchPlatform, name: string): Promise<number> {
  const { helm } = await resolveTools();
  const started = performance.now();
  await run(helm, ['status', `store-${name}`, '--namespace', `store-${name}`, '-o', 'json'], {
    env: { ...process.env, KUBECONFIG: platform.identity.kubeconfig },
  }).catch((error: { stderr?: string }) => {
    if (!error.stderr?.includes('not found')) throw error;
  });
  return performance.now() - started;
}
