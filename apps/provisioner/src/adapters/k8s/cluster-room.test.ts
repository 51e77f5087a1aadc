import type * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import { freeRoom } from './cluster-room.js';

const node = (name: string, ready: boolean): k8s.V1Node => ({
  metadata: { name },
  status: {
    allocatable: { cpu: '8', memory: '32Gi' },
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  },
});
const pod = (cpu: string, memory: string, conditions: k8s.V1PodCondition[] = []): k8s.V1Pod => ({
  spec: { containers: [{ name: 'c', resources: { requests: { cpu, memory } } }] },
  status: { phase: 'Pending', conditions },
});

describe('freeRoom', () => {
  it('counts Ready nodes, less what running and not-yet-scheduled pods request, but not pods no node can take', () => {
    const free = freeRoom(
      [node('a', true), node('b', true), node('c', false)],
      [
        pod('1500m', '2Gi', [{ type: 'PodScheduled', status: 'True' }]),
        // Waiting for its first scheduling: about to take room.
        pod('500m', '1Gi'),
        // The scheduler found no node with 9 CPU: it holds nothing.
        pod('9', '1Gi', [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }]),
      ],
    );
    expect(free).toEqual({ cpuMillis: 14_000, memoryBytes: 61 * 1024 ** 3 });
  });
});
