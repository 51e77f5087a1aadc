import { describe, expect, it } from 'vitest';
import { componentOfName, describePodProblem } from './pod-problems.js';

describe('describePodProblem', () => {
  it('names a database pod no node has CPU for', () => {
    expect(
      describePodProblem({
        component: 'database',
        podName: 'acme-db-0',
        phase: 'Pending',
        eventReason: 'FailedScheduling',
        eventMessage:
          '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        count: 4,
      }),
    ).toEqual({
      cause: 'insufficient_cpu',
      words: 'Database pod cannot be scheduled: not enough CPU',
      line: 'Database pod cannot be scheduled: not enough CPU (x4)',
    });
  });

  it.each([
    ['0/3 nodes are available: 3 Insufficient memory.', 'insufficient_memory', 'not enough memory'],
    [
      '0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory.',
      'insufficient_cpu',
      'not enough CPU and memory',
    ],
    [
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
      'storage_unavailable',
      'its storage claim is not bound',
    ],
    [
      '0/3 nodes are available: 3 node(s) had untolerated taint {x: y}.',
      'unschedulable',
      'every node has a taint it does not tolerate',
    ],
  ])('classifies the scheduler saying %s', (message, cause, why) => {
    const problem = describePodProblem({
      component: 'app',
      eventReason: 'FailedScheduling',
      eventMessage: message,
    });
    expect(problem.cause).toBe(cause);
    expect(problem.words).toBe(`App pod cannot be scheduled: ${why}`);
    expect(problem.line).toBe(problem.words);
  });

  it('says which resources a quota refused', () => {
    expect(
      describePodProblem({
        kind: 'ReplicaSet',
        component: 'app',
        eventReason: 'FailedCreate',
        eventMessage:
          'Error creating: pods "acme-app-5d8f-x" is forbidden: exceeded quota: store-quota, requested: limits.cpu=2,requests.cpu=1, used: limits.cpu=4,requests.cpu=2, limited: limits.cpu=4,requests.cpu=2',
      }),
    ).toMatchObject({
      cause: 'quota_exceeded',
      words: "App pod refused: the store's quota is used up (limits.cpu, requests.cpu)",
    });
  });

  it('names a failed setup Job', () => {
    expect(
      describePodProblem({
        kind: 'Job',
        component: 'setup',
        eventReason: 'BackoffLimitExceeded',
        eventMessage: 'Job has reached the specified backoff limit',
      }),
    ).toMatchObject({ cause: 'setup_failed', words: 'Setup job failed: it failed on every attempt' });
  });

  it.each([
    [{ waitingReason: 'ImagePullBackOff' }, 'image_pull_failed', 'App pod cannot pull its image'],
    [
      { eventReason: 'Failed', eventMessage: 'Failed to pull image "x": not found' },
      'image_pull_failed',
      'App pod cannot pull its image',
    ],
    [{ waitingReason: 'CrashLoopBackOff' }, 'crash_loop', 'App pod keeps crashing'],
    [
      { eventReason: 'BackOff', eventMessage: 'Back-off restarting failed container app' },
      'crash_loop',
      'App pod keeps crashing',
    ],
    [
      { terminatedReason: 'OOMKilled', waitingReason: 'CrashLoopBackOff' },
      'out_of_memory',
      'App pod ran out of memory and was stopped',
    ],
    [
      { waitingReason: 'CreateContainerConfigError' },
      'config_error',
      'App pod cannot start: its configuration is missing or wrong',
    ],
    [
      { eventReason: 'Unhealthy', eventMessage: 'Readiness probe failed' },
      'not_ready',
      'App pod fails its health check',
    ],
    [{ phase: 'Pending' }, 'not_ready', 'App pod is Pending'],
  ] as const)('classifies %o', (fields, cause, words) => {
    expect(describePodProblem({ component: 'app', ...fields })).toMatchObject({ cause, words });
  });

  it('names the object when the component is unknown, and storage by its owner', () => {
    expect(describePodProblem({ podName: 'x-1', waitingReason: 'ErrImagePull' }).words).toBe(
      'Pod x-1 cannot pull its image',
    );
    expect(
      describePodProblem({
        kind: 'PersistentVolumeClaim',
        component: 'database',
        eventReason: 'ProvisioningFailed',
        eventMessage: 'storageclass.storage.k8s.io "fast" not found.',
      }),
    ).toEqual({
      cause: 'storage_unavailable',
      words: 'Database storage is unavailable: storageclass.storage.k8s.io "fast" not found',
      line: 'Database storage is unavailable: storageclass.storage.k8s.io "fast" not found',
    });
  });
});

describe('componentOfName', () => {
  it('reads the chart suffix of an object name', () => {
    expect(componentOfName('acme-db-0', 'acme')).toBe('database');
    expect(componentOfName('my-app-shop-app-5d8f-x', 'my-app-shop')).toBe('app');
    expect(componentOfName('acme-setup', 'acme')).toBe('setup');
    expect(componentOfName('data-acme-db-0')).toBe('database');
    expect(componentOfName('acme-scripts', 'acme')).toBeUndefined();
  });
});
