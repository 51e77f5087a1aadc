import type { TestProject } from 'vitest/node';

import { startLocalCluster, type LocalCluster } from './local-cluster.js';

let cluster: LocalCluster | undefined;

/** Vitest global setup: one control plane for the whole integration run, stopped in teardown. */
export async function setup(project: TestProject): Promise<void> {
  cluster = await startLocalCluster({ log: (message) => console.log(`[cluster] ${message}`) });
  // Tests and the helm/kubectl processes they spawn find the cluster through the usual variable.
  process.env.KUBECONFIG = cluster.kubeconfig;
  project.provide('kubeconfig', cluster.kubeconfig);
}

// Silent on success, so that the runner's summary stays the last line of the run.
export async function teardown(): Promise<void> {
  await cluster?.stop();
}
