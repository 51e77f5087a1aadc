import type * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import { explainFailure } from '../../domain/failure-explanation.js';
import { evidenceFacts } from './evidence.js';

const node = (cpu: string, memory = '32Gi'): k8s.V1Node => ({
  status: { allocatable: { cpu, memory }, conditions: [{ type: 'Ready', status: 'True' }] },
});
const pendingDatabase: k8s.V1Pod = {
  metadata: { name: 'acme-db-0', labels: { 'app.kubernetes.io/component': 'database' } },
  spec: { containers: [{ name: 'mysql', resources: { requests: { cpu: '9', memory: '1Gi' } } }] },
  status: { phase: 'Pending' },
};
const event = (name: string, reason: string, message: string, count?: number): k8s.CoreV1Event => ({
  metadata: {},
  type: 'Warning',
  involvedObject: { kind: 'Pod', name },
  reason,
  message,
  count,
});

describe('evidenceFacts', () => {
  it('reads warning events with their counts and components, and pods that are not ready', () => {
    const facts = evidenceFacts({
      store: 'acme',
      events: [
        event('acme-db-0', 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.', 4),
        { ...event('acme-db-0', 'Scheduled', 'ok'), type: 'Normal' },
      ],
      pods: [pendingDatabase],
      nodes: [node('8'), node('8')],
    });
    expect(facts.problems).toEqual([
      {
        kind: 'Pod',
        podName: 'acme-db-0',
        component: 'database',
        eventReason: 'FailedScheduling',
        eventMessage: '0/3 nodes are available: 3 Insufficient cpu.',
        count: 4,
        evidence: 'Pod acme-db-0: FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu.',
      },
      expect.objectContaining({
        podName: 'acme-db-0',
        phase: 'Pending',
        evidence: 'pod acme-db-0 is Pending',
      }),
      expect.objectContaining({
        eventMessage: 'Insufficient cpu',
        evidence: 'pod acme-db-0 requests 9 CPU; no node has more than 8 allocatable',
      }),
    ]);
    expect(facts.job).toBeUndefined();
  });

  it('tells a pod too big for every node even when the scheduler last spoke of claims still binding', () => {
    const facts = evidenceFacts({
      store: 'acme',
      events: [
        event(
          'acme-db-0',
          'FailedScheduling',
          '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found',
        ),
      ],
      pods: [pendingDatabase],
      nodes: [
        node('8'),
        { status: { allocatable: { cpu: '64' }, conditions: [{ type: 'Ready', status: 'False' }] } },
      ],
    });
    const explained = explainFailure({
      step: { name: 'install', title: 'Install store (Helm)' },
      message: 'context deadline exceeded',
      kind: 'timeout',
      store: { name: 'acme', plan: 'standard' },
      facts,
      retryable: true,
      leftInPlace: false,
    });
    expect(explained.headline).toBe('Database pod cannot be scheduled: not enough CPU');
    expect(explained.evidence[0]).toBe('pod acme-db-0 requests 9 CPU; no node has more than 8 allocatable');
    expect(explained.evidence).toContain(
      'Pod acme-db-0: FailedScheduling: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found',
    );
  });

  it('drops the verdict about unbound claims once every claim is bound, and keeps it while one is not', () => {
    const unbound = event(
      'acme-db-0',
      'FailedScheduling',
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
    );
    const claim = (phase: string): k8s.V1PersistentVolumeClaim => ({ status: { phase } });
    const facts = (claims: k8s.V1PersistentVolumeClaim[]) =>
      evidenceFacts({ store: 'acme', events: [unbound], pods: [], claims }).problems.map(
        (p) => p.eventReason,
      );
    expect(facts([claim('Bound'), claim('Bound')])).toEqual([]);
    expect(facts([claim('Bound'), claim('Pending')])).toEqual(['FailedScheduling']);
  });

  it('keeps a Job’s log only when it was read, and names components from object names', () => {
    const facts = evidenceFacts({
      store: 'acme',
      events: [
        {
          ...event('acme-setup', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
          involvedObject: { kind: 'Job', name: 'acme-setup' },
        },
      ],
      pods: [],
      nodes: [node('8')],
      job: 'acme-setup',
    });
    expect(facts.problems[0]).toMatchObject({ kind: 'Job', component: 'setup' });
    expect(facts.job).toBeUndefined();
    expect(
      evidenceFacts({ store: 'acme', events: [], pods: [], job: 'acme-setup', logTail: 'done' }).job,
    ).toEqual({
      name: 'acme-setup',
      logTail: 'done',
    });
  });
});
