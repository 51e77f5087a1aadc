import type { TestProject } from 'vitest/node';

import { startLocalCluster, type LocalCluster } from './local-cluster.js';
import { startLocalPostgres, type LocalPostgres } from './postgres.js';
import { createProvisionerIdentity } from './provisioner-identity.js';

let cluster: LocalCluster | undefined;
let postgres: LocalPostgres | undefined;

/** Vitest global setup: one control plane and one PostgreSQL for the whole integration run. */
export async function setup(project: TestProject): Promise<void> {
  const log = (message: string) => console.log(`[cluster] ${message}`);
  const [startedCluster, startedPostgres] = await Promise.allSettled([
    startLocalCluster({ log }),
    startLocalPostgres({ log }),
  ]);
  if (startedCluster.status === 'fulfilled') cluster = startedCluster.value;
  if (startedPostgres.status === 'fulfilled') postgres = startedPostgres.value;
  const failure = [startedCluster, startedPostgres].find((r) => r.status === 'rejected');
  if (failure) {
    await teardown();
    throw failure.reason;
  }
  // Tests and the helm/kubectl processes they spawn find the cluster through the usual variable.
  process.env.KUBECONFIG = cluster?.kubeconfig;
  project.provide('kubeconfig', cluster?.kubeconfig ?? '');
  if (cluster) {
    // The provisioner runs in the tests as its ServiceAccount would in a cluster, not as admin.
    const identity = await createProvisionerIdentity(cluster.kubeconfig, cluster.dir).catch(
      async (error: unknown) => {
        await teardown();
        throw error;
      },
    );
    log(`provisioner ServiceAccount ${identity.namespace}/${identity.serviceAccount} with the chart's RBAC`);
    project.provide('provisionerIdentity', identity);
  }
  project.provide('databaseUrl', postgres?.url ?? '');
}

// Silent on success, so that the runner's summary stays the last line of the run.
export async function teardown(): Promise<void> {
  await Promise.all([cluster?.stop(), postgres?.stop()]);
}
