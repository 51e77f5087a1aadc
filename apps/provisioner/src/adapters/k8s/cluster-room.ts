import type * as k8s from '@kubernetes/client-node';

import { parseQuantity } from '../../domain/quantity.js';

/** A pod the scheduler tried and could not place on any node (PodScheduled False, reason Unschedulable). */
const unschedulable = (pod: k8s.V1Pod) =>
  pod.status?.conditions?.some(
    (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
  ) ?? false;

/**
 * The CPU and memory the Ready nodes have left for new pods: their allocatable, less what the live pods request.
 * Pods waiting for their first scheduling count (they are about to take room: many creates at once must not all
 * be admitted); a pod the scheduler found no room for does not, as it holds no node's capacity and will not as it
 * is. Counting it let one store too big for any node refuse every other store for room that is free.
 */
export function freeRoom(nodes: k8s.V1Node[], pods: k8s.V1Pod[]): { cpuMillis: number; memoryBytes: number } {
  const ready = nodes.filter((n) =>
    n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  const sum = (values: (string | undefined)[]) =>
    values.reduce((total, v) => total + (v ? parseQuantity(v) : 0), 0);
  const holding = pods.filter((p) => !unschedulable(p));
  const requested = (resource: 'cpu' | 'memory') =>
    sum(holding.flatMap((p) => (p.spec?.containers ?? []).map((c) => c.resources?.requests?.[resource])));
  return {
    cpuMillis: Math.floor((sum(ready.map((n) => n.status?.allocatable?.cpu)) - requested('cpu')) * 1000),
    memoryBytes: sum(ready.map((n) => n.status?.allocatable?.memory)) - requested('memory'),
  };
}
