/**
 * ClientNodeKube.jobOutcome against the local control plane (kube-apiserver, the Job controller, kwok): how a
 * setup Job ended, from its status while it exists and from the controller's event once Helm deleted it.
 */
import * as k8s from '@kubernetes/client-node';
import { waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { ClientNodeKube } from '../src/adapters/k8s/client-node-kube.js';
import { jobDeleted } from '../src/ports/kube-client.js';

const namespace = 'job-outcome-test';
const kc = new k8s.KubeConfig();
let core: k8s.CoreV1Api;
let batch: k8s.BatchV1Api;
let kube: ClientNodeKube;

/** A one-pod Job; kwok runs its pod to Succeeded, or to Failed with the simulate=failure annotation. */
function job(name: string, fail = false): k8s.V1Job {
  return {
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: fail ? { annotations: { 'store-platform.io/simulate': 'failure' } } : {},
        spec: { restartPolicy: 'Never', containers: [{ name: 'setup', image: 'busybox:1.37' }] },
      },
    },
  };
}

beforeAll(async () => {
  kc.loadFromFile(inject('kubeconfig'));
  core = kc.makeApiClient(k8s.CoreV1Api);
  batch = kc.makeApiClient(k8s.BatchV1Api);
  kube = new ClientNodeKube(kc);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
});
afterAll(async () => {
  await core?.deleteNamespace({ name: namespace });
});

describe('jobOutcome', () => {
  it('says a missing Job is gone, then Completed from its status, and from its event once deleted', async () => {
    // No Job and no event of one: what a hook Job is once Helm deleted it before the Job controller's event came.
    expect(await kube.jobOutcome(namespace, 'setup')).toBe(jobDeleted);
    await batch.createNamespacedJob({ namespace, body: job('setup') });
    expect(
      await waitFor('setup done', () => kube.jobOutcome(namespace, 'setup'), { timeoutMs: 60_000 }),
    ).toBe('Completed');
    // What Helm does to a hook Job that succeeded (hook-delete-policy hook-succeeded).
    await batch.deleteNamespacedJob({ name: 'setup', namespace, propagationPolicy: 'Background' });
    await waitFor(
      'the Job deleted',
      () =>
        batch.readNamespacedJob({ name: 'setup', namespace }).then(
          () => undefined,
          (error: unknown) =>
            error instanceof k8s.ApiException && error.code === 404 ? true : Promise.reject(error),
        ),
      { timeoutMs: 30_000 },
    );
    expect(await kube.jobOutcome(namespace, 'setup')).toBe('Completed');
  });

  it('names the reason a Job failed', async () => {
    await batch.createNamespacedJob({ namespace, body: job('broken', true) });
    expect(
      await waitFor('broken failed', () => kube.jobOutcome(namespace, 'broken'), { timeoutMs: 60_000 }),
    ).toBe('BackoffLimitExceeded');
  });
});
