/**
 * What the cluster holds of the stores, read as an administrator would (kubectl and helm with the admin
 * kubeconfig), to hold against what the API lists: namespaces, Helm releases with their history, store Secrets.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { resolveTools } from '@store-platform/test-cluster';

const run = promisify(execFile);

/** The cluster's store objects after a run. */
export interface Inventory {
  /** store-* namespaces, and any labelled as this install's stores, with their store label. */
  namespaces: { name: string; store?: string; phase?: string }[];
  /** Every Helm release in the cluster (all states), with its `deployed` revisions. */
  releases: { name: string; namespace: string; status: string; deployedRevisions: number }[];
  /** Secrets the provisioner made (its managed-by label), with their store label. */
  secrets: { name: string; namespace: string; store?: string }[];
}

const storeLabel = 'store-platform.io/store';
const instanceLabel = 'store-platform.io/instance';

interface KubeList {
  items: {
    metadata: { name: string; namespace?: string; labels?: Record<string, string> };
    status?: { phase?: string };
  }[];
}

/** Reads the inventory through `kubeconfig` (admin: it sees every namespace). */
export async function readInventory(kubeconfig: string, instance: string): Promise<Inventory> {
  const tools = await resolveTools();
  const env = { ...process.env, KUBECONFIG: kubeconfig };
  const json = async <T>(binary: string, args: string[]) =>
    JSON.parse((await run(binary, args, { env, maxBuffer: 64 * 1024 * 1024 })).stdout) as T;
  const [namespaceList, secretList, releaseList] = await Promise.all([
    json<KubeList>(tools.kubectl, ['get', 'namespaces', '-o', 'json']),
    json<KubeList>(tools.kubectl, [
      'get',
      'secrets',
      '--all-namespaces',
      '-l',
      'app.kubernetes.io/managed-by=store-platform-provisioner',
      '-o',
      'json',
    ]),
    json<{ name: string; namespace: string; status: string }[]>(tools.helm, [
      'list',
      '--all-namespaces',
      '--all',
      '--output',
      'json',
    ]),
  ]);
  const namespaces = namespaceList.items
    .filter(
      ({ metadata }) => metadata.name.startsWith('store-') || metadata.labels?.[instanceLabel] === instance,
    )
    .map(({ metadata, status }) => ({
      name: metadata.name,
      store: metadata.labels?.[storeLabel],
      phase: status?.phase,
    }));
  const releases = await Promise.all(
    releaseList.map(async (release) => {
      const history = await json<{ status: string }[]>(tools.helm, [
        'history',
        release.name,
        '--namespace',
        release.namespace,
        '--output',
        'json',
      ]);
      return { ...release, deployedRevisions: history.filter((r) => r.status === 'deployed').length };
    }),
  );
  const secrets = secretList.items.map(({ metadata }) => ({
    name: metadata.name,
    namespace: metadata.namespace ?? '',
    store: metadata.labels?.[storeLabel],
  }));
  return { namespaces, releases, secrets };
}
