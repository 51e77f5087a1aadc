import type * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import { foldEvents } from '../../services/provisioning/step-watch.js';
import { podProblemInputs } from './pod-watch.js';

const pod = (name: string, component: string, ready: boolean, waiting?: string): k8s.V1Pod => ({
  metadata: { name, labels: { 'app.kubernetes.io/component': component } },
  status: {
    phase: ready ? 'Running' : 'Pending',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containerStatuses: waiting
      ? [
          {
            name: 'main',
            image: 'x',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: waiting } },
          },
        ]
      : [],
  },
});
const warning = (
  kind: string,
  name: string,
  reason: string,
  message: string,
  at: string,
): k8s.CoreV1Event => ({
  metadata: {},
  involvedObject: { kind, name },
  type: 'Warning',
  reason,
  message,
  count: 1,
  lastTimestamp: new Date(at),
});

describe('podProblemInputs', () => {
  it('says why the pods that are not ready wait, oldest first, leaving out ready pods and controllers’ echoes', () => {
    const pods = [
      pod('shop-db-0', 'database', false),
      pod('shop-app-1', 'app', false, 'ContainerCreating'),
      pod('shop-cache-0', 'cache', true),
    ];
    const events = [
      warning(
        'Pod',
        'shop-db-0',
        'FailedScheduling',
        '0/3 nodes are available: 3 Insufficient cpu.',
        '2026-12-03T10:02:00Z',
      ),
      warning(
        'Pod',
        'shop-db-0',
        'FailedScheduling',
        '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
        '2026-12-03T10:01:00Z',
      ),
      warning(
        'StatefulSet',
        'shop-db',
        'FailedUpdate',
        'could not update claim data-shop-db-0',
        '2026-12-03T10:03:00Z',
      ),
      warning(
        'ReplicaSet',
        'shop-worker-5d8f',
        'FailedCreate',
        'exceeded quota: store, requested: requests.cpu=2',
        '2026-12-03T10:04:00Z',
      ),
      warning('Pod', 'shop-cache-0', 'Unhealthy', 'Readiness probe failed', '2026-12-03T10:05:00Z'),
    ];
    expect(foldEvents(podProblemInputs('shop', pods, events))).toEqual([
      'App pod is waiting (ContainerCreating)',
      'Database pod cannot be scheduled: its storage claim is not bound',
      'Database pod cannot be scheduled: not enough CPU',
      "Worker pod refused: the store's quota is used up (requests.cpu)",
    ]);
  });

  it('says nothing when every pod is ready', () => {
    expect(podProblemInputs('shop', [pod('shop-db-0', 'database', true)], [])).toEqual([]);
  });

  it('says a pod asks for more CPU than any node has, in place of the scheduler’s older verdict on its claims', () => {
    const database: k8s.V1Pod = {
      ...pod('shop-db-0', 'database', false),
      spec: { containers: [{ name: 'mysql', resources: { requests: { cpu: '9' } } }] },
    };
    const node = (name: string): k8s.V1Node => ({
      metadata: { name },
      status: { allocatable: { cpu: '8', memory: '32Gi' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
    const events = [
      warning(
        'Pod',
        'shop-db-0',
        'FailedScheduling',
        '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
        '2026-12-03T10:01:00Z',
      ),
    ];
    const nodes = [node('a'), node('b'), node('c')];
    expect(foldEvents(podProblemInputs('shop', [database], events, nodes))).toEqual([
      'Database pod cannot be scheduled: not enough CPU',
    ]);
    // Without the nodes (or with one big enough), the scheduler's words stand.
    expect(foldEvents(podProblemInputs('shop', [database], events))).toEqual([
      'Database pod cannot be scheduled: its storage claim is not bound',
    ]);
  });
});
