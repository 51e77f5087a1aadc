import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import * as k8s from '@kubernetes/client-node';
import { repoRoot, resolveTools, waitFor } from '@store-platform/test-cluster';

const run = promisify(execFile);

/**
 * Registers cert-manager's real ClusterIssuer CRD (from its Go module, at the version `make up` installs, see
 * scripts/versions.env) in the cluster, so that the chart's ClusterIssuer can be created as on a cluster with
 * cert-manager. Nothing issues certificates here: no cert-manager controller runs.
 */
export async function registerClusterIssuerCrd(kubeconfig: string): Promise<void> {
  const versions = await readFile(path.join(repoRoot, 'scripts', 'versions.env'), 'utf8');
  const version = /^CERT_MANAGER_CHART_VERSION=(\S+)$/m.exec(versions)?.[1];
  if (!version) throw new Error('scripts/versions.env has no CERT_MANAGER_CHART_VERSION');
  const { stdout } = await run(
    'go',
    ['mod', 'download', '-json', `github.com/cert-manager/cert-manager@${version}`],
    {
      cwd: repoRoot,
    },
  );
  const { Dir: dir } = JSON.parse(stdout) as { Dir: string };
  const tools = await resolveTools();
  // Server-side: the CRD is too large for the last-applied annotation of a client-side apply.
  await run(
    tools.kubectl,
    ['apply', '--server-side', '-f', path.join(dir, 'deploy', 'crds', 'cert-manager.io_clusterissuers.yaml')],
    { env: { ...process.env, KUBECONFIG: kubeconfig } },
  );
  // Polled here: `kubectl wait` fails instead of waiting while the new CRD has no conditions yet.
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  const crds = kc.makeApiClient(k8s.ApiextensionsV1Api);
  await waitFor('the ClusterIssuer CRD to be established', async () => {
    const crd = await crds.readCustomResourceDefinition({ name: 'clusterissuers.cert-manager.io' });
    const established = crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    return established ? true : undefined;
  });
}
