import { adminKube } from '@store-platform/test-cluster';

/** Capacity of each node the bench adds: room for hundreds of simulated stores (kwok runs no containers). */
export interface NodeCapacity {
  cpu: string;
  memory: string;
  pods: string;
}

export const largeNode: NodeCapacity = { cpu: '1000', memory: '4096Gi', pods: '1000' };

/**
 * Adds `count` kwok nodes (annotated kwok.x-k8s.io/node: fake, like test/cluster/manifests/bootstrap.yaml's) with
 * `capacity` each: the control plane's 3 nodes of 8 CPU and 110 pods hold a few dozen stores, and the provisioner's
 * pre-flight refuses a store the cluster has no room for. Nodes accept their status on create; kwok marks them Ready.
 */
export async function addKwokNodes(
  kubeconfig: string,
  count: number,
  capacity: NodeCapacity = largeNode,
): Promise<string[]> {
  const { core } = adminKube(kubeconfig);
  const names = Array.from({ length: count }, (_, i) => `bench-node-${i}`);
  await Promise.all(
    names.map((name) =>
      core.createNode({
        body: {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name,
            annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
            labels: {
              'kubernetes.io/hostname': name,
              'kubernetes.io/os': 'linux',
              'kubernetes.io/arch': 'amd64',
              type: 'kwok',
              'topology.kubernetes.io/zone': 'local-bench',
            },
          },
          status: {
            capacity: { ...capacity, 'ephemeral-storage': '1Ti' },
            allocatable: { ...capacity, 'ephemeral-storage': '1Ti' },
          },
        },
      }),
    ),
  );
  return names;
}

/**
 * How many large nodes hold `stores` stores: a store runs a few pods (six each leaves room for Jobs); a basic store
 * requests 1.5 CPU and 3 GiB (packages/contracts plans.ts), so 1000 pods' worth of nodes has room to spare.
 */
export const nodesFor = (stores: number) => Math.max(1, Math.ceil((stores * 6) / Number(largeNode.pods)));
