import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { repoRoot, resolveTools } from './tools.js';
import { waitFor } from './wait.js';

const run = promisify(execFile);

/** Who the provisioner is in the integration tests: the ServiceAccount of the store-platform chart's RBAC. */
export interface ProvisionerIdentity {
  /** Kubeconfig that authenticates with a token of the ServiceAccount (TokenRequest API). */
  kubeconfig: string;
  namespace: string;
  serviceAccount: string;
  /** The ClusterRole the provisioner binds to itself in each store namespace (its STORE_CLUSTER_ROLE). */
  storeClusterRole: string;
  /** The install it belongs to: the release name, its PLATFORM_INSTANCE and its namespaces' instance label. */
  instance: string;
}

/** The run's own install: a release name that no chart test installs, so that its cluster-scoped objects never collide with theirs. */
export const testRelease = 'test-platform';
const platformChart = path.join(repoRoot, 'helm-charts', 'store-platform');

async function tool(binary: string, args: string[], kubeconfig: string): Promise<string> {
  try {
    const { stdout } = await run(binary, args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${path.basename(binary)} ${args.join(' ')} failed: ${stderr || String(error)}`, {
      cause: error,
    });
  }
}

/** Resolves once `check` is refused by one of the chart's admission policies (they load a moment after). */
const refusedByPolicy = (check: () => Promise<unknown>) => async () => {
  try {
    await check();
  } catch (error) {
    if (String(error).includes('ValidatingAdmissionPolicy')) return true;
  }
  return undefined;
};

/**
 * Applies the provisioner's RBAC as the store-platform chart renders it (release `release`, `test-platform` unless
 * a test needs a second install, in a namespace of that name) and writes a kubeconfig that acts as its
 * ServiceAccount, so that the integration tests run the provisioner, and Helm under it, with the rights it has in a
 * real installation instead of cluster admin.
 */
export async function createProvisionerIdentity(
  adminKubeconfig: string,
  dir: string,
  release = testRelease,
): Promise<ProvisionerIdentity> {
  const tools = await resolveTools();
  const kubectl = (args: string[], kubeconfig = adminKubeconfig) => tool(tools.kubectl, args, kubeconfig);
  const namespace = release;
  const serviceAccount = `${release}-provisioner`;
  const rendered = await tool(
    tools.helm,
    [
      'template',
      release,
      platformChart,
      '--namespace',
      namespace,
      '--set',
      'provisioner.rbac.create=true',
      // The policies render only where the API is served; helm template has no cluster to ask. This one serves it.
      '--api-versions',
      'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy',
      // Only the provisioner's identity and the policies: the run starts the provisioner itself.
      '--show-only',
      'templates/provisioner-rbac.yaml',
      '--show-only',
      'templates/provisioner-admission-policies.yaml',
      '--show-only',
      'templates/provisioner-store-services-policy.yaml',
    ],
    adminKubeconfig,
  );
  const manifest = path.join(dir, `${release}-rbac.yaml`);
  const namespaceObject = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n---\n`;
  await writeFile(manifest, namespaceObject + rendered);
  await kubectl(['apply', '--server-side', '-f', manifest]);
  // Long enough for the slowest full run; the token dies with the cluster anyway.
  const token = (
    await kubectl(['create', 'token', serviceAccount, '--namespace', namespace, '--duration', '4h'])
  ).trim();

  const admin = JSON.parse(await readFile(adminKubeconfig, 'utf8')) as {
    clusters: [{ cluster: { server: string; 'certificate-authority': string } }];
  };
  const kubeconfig = path.join(dir, `${release}-provisioner.kubeconfig`);
  const name = 'store-platform-local';
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: admin.clusters[0].cluster }],
    users: [{ name: serviceAccount, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: serviceAccount, namespace } }],
    'current-context': name,
  };
  await writeFile(kubeconfig, JSON.stringify(config, null, 2), { mode: 0o600 });

  // The API server applies new bindings and policies a moment after they are stored.
  const asProvisioner = (args: string[]) => kubectl(args, kubeconfig);
  await waitFor(
    'the provisioner namespace policy to be in force',
    refusedByPolicy(() => asProvisioner(['create', 'namespace', 'policy-probe', '--dry-run=server'])),
  );
  await waitFor(
    'the provisioner RoleBinding policy to be in force',
    refusedByPolicy(() =>
      asProvisioner([
        'create',
        'rolebinding',
        'policy-probe',
        '--namespace',
        'default',
        '--dry-run=server',
        `--clusterrole=${release}-store-manager`,
        `--serviceaccount=${namespace}:${serviceAccount}`,
      ]),
    ),
  );
  return {
    kubeconfig,
    namespace,
    serviceAccount,
    storeClusterRole: `${release}-store-manager`,
    instance: release,
  };
}
