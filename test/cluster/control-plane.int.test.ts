/**
 * Self-test of the local control plane: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok
 * (started once by src/global-setup.ts), driven through @kubernetes/client-node and the real helm binary.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { resolveTools } from './src/tools.js';
import { waitFor } from './src/wait.js';

const execFileAsync = promisify(execFile);
const kubeconfig = inject('kubeconfig');
const run = (binary: string, args: string[]) =>
  execFileAsync(binary, args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);
const batch = kc.makeApiClient(k8s.BatchV1Api);

const created: string[] = [];
async function namespace(prefix: string, labels: Record<string, string> = {}): Promise<string> {
  const name = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  await core.createNamespace({ body: { metadata: { name, labels } } });
  created.push(name);
  return name;
}
afterAll(async () => {
  await Promise.all(created.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
});

const labels = { 'app.kubernetes.io/name': 'self-test' };
const container: k8s.V1Container = {
  name: 'main',
  image: 'registry.k8s.io/pause:3.10',
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
};
const podTemplate: k8s.V1PodTemplateSpec = { metadata: { labels }, spec: { containers: [container] } };

/** Resolves with the status code and message of the API's refusal, or fails the test if it accepted. */
async function rejection(request: Promise<unknown>): Promise<{ code: number; message: string }> {
  const error = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the API server accepted a request it should reject').toBeInstanceOf(k8s.ApiException);
  const { code, body } = error as k8s.ApiException<string>;
  return { code, message: (JSON.parse(body) as k8s.V1Status).message ?? '' };
}

describe('local control plane', () => {
  it('serves the pinned Kubernetes version', async () => {
    const tools = await resolveTools();
    const { stdout } = await run(tools.kubectl, ['version', '-o', 'json']);
    const version = JSON.parse(stdout) as { serverVersion: { gitVersion: string } };
    expect(version.serverVersion.gitVersion).toBe('v1.36.3');
  });

  it('runs a Deployment until every replica is ready', async () => {
    const ns = await namespace('deploy');
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'web' },
        spec: { replicas: 3, selector: { matchLabels: labels }, template: podTemplate },
      },
    });
    const ready = await waitFor('3 ready replicas', async () => {
      const deployment = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      return deployment.status?.readyReplicas === 3 ? deployment.status.readyReplicas : undefined;
    });
    expect(ready).toBe(3);
  });

  /** StatefulSet `db` in `ns`: one replica with a 1Gi claim `data`, as a store's database has. */
  const createDatabaseStatefulSet = (ns: string) =>
    apps.createNamespacedStatefulSet({
      namespace: ns,
      body: {
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          replicas: 1,
          selector: { matchLabels: labels },
          template: podTemplate,
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        },
      },
    });

  it('binds a StatefulSet volume claim to a provisioned volume and makes its pod ready', async () => {
    const ns = await namespace('sts');
    await createDatabaseStatefulSet(ns);
    await waitFor('the StatefulSet to be ready', async () => {
      const sts = await apps.readNamespacedStatefulSet({ name: 'db', namespace: ns });
      return sts.status?.readyReplicas === 1 ? true : undefined;
    });
    // The scheduler binds the pod once the claim has its volume; the claim's status phase is
    // written by the volume controller a moment later, so wait for it rather than read it once.
    const claim = await waitFor('the claim to be Bound', async () => {
      const read = await core.readNamespacedPersistentVolumeClaim({ name: 'data-db-0', namespace: ns });
      return read.status?.phase === 'Bound' ? read : undefined;
    });
    expect(claim.spec?.storageClassName).toBe('standard');
    expect(claim.spec?.volumeName).toMatch(/^pvc-/);
  });

  it('completes a Job', async () => {
    const ns = await namespace('job');
    await batch.createNamespacedJob({
      namespace: ns,
      body: {
        metadata: { name: 'setup' },
        spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [container] } } },
      },
    });
    const succeeded = await waitFor('the Job to complete', async () => {
      const job = await batch.readNamespacedJob({ name: 'setup', namespace: ns });
      const complete = job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True');
      return complete ? job.status?.succeeded : undefined;
    });
    expect(succeeded).toBe(1);
  });

  it('deletes a namespace, its workloads and its volumes within 30 s', async () => {
    const ns = await namespace('teardown');
    await createDatabaseStatefulSet(ns);
    const volumeName = await waitFor('the claim to be bound', async () => {
      const claim = await core.readNamespacedPersistentVolumeClaim({ name: 'data-db-0', namespace: ns });
      return claim.status?.phase === 'Bound' ? claim.spec?.volumeName : undefined;
    });

    const started = Date.now();
    await core.deleteNamespace({ name: ns });
    await waitFor(
      `namespace ${ns} to be gone`,
      async () => {
        const error = await core.readNamespace({ name: ns }).then(
          () => undefined,
          (e: unknown) => e,
        );
        return error instanceof k8s.ApiException && error.code === 404 ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`namespace ${ns} deleted in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(30);
    await waitFor(`volume ${volumeName} to be deleted`, async () => {
      const error = await core.readPersistentVolume({ name: volumeName as string }).then(
        () => undefined,
        (e: unknown) => e,
      );
      return error instanceof k8s.ApiException && error.code === 404 ? true : undefined;
    });
  });

  it('rejects a privileged pod in a namespace that enforces Pod Security "restricted"', async () => {
    const ns = await namespace('restricted', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const error = await rejection(
      core.createNamespacedPod({
        namespace: ns,
        body: {
          metadata: { name: 'privileged' },
          spec: { containers: [{ ...container, securityContext: { privileged: true } }] },
        },
      }),
    );
    expect(error.code).toBe(403);
    expect(error.message).toContain('violates PodSecurity "restricted:latest"');
    expect(error.message).toContain('must not set securityContext.privileged=true');
  });

  it('rejects a pod that exceeds the namespace ResourceQuota', async () => {
    const ns = await namespace('quota');
    await core.createNamespacedResourceQuota({
      namespace: ns,
      body: {
        metadata: { name: 'plan' },
        spec: { hard: { 'limits.cpu': '1', 'limits.memory': '1Gi', pods: '5' } },
      },
    });
    // The quota controller must have computed usage before admission will count against it.
    await waitFor('the quota to be tracked', async () => {
      const quota = await core.readNamespacedResourceQuota({ name: 'plan', namespace: ns });
      return quota.status?.used ? true : undefined;
    });
    const error = await rejection(
      core.createNamespacedPod({
        namespace: ns,
        body: {
          metadata: { name: 'too-big' },
          spec: {
            containers: [
              { ...container, resources: { requests: { cpu: '2' }, limits: { cpu: '2', memory: '128Mi' } } },
            ],
          },
        },
      }),
    );
    expect(error.code).toBe(403);
    expect(error.message).toContain('exceeded quota: plan');
    expect(error.message).toContain('limits.cpu');
  });

  it('installs a chart with helm install --wait', async () => {
    const tools = await resolveTools();
    const ns = await namespace('helm');
    const chart = path.join(import.meta.dirname, 'fixtures', 'tiny-chart');
    await run(tools.helm, ['install', 'tiny', chart, '--namespace', ns, '--wait', '--timeout', '90s']);
    const { stdout } = await run(tools.helm, ['status', 'tiny', '--namespace', ns, '-o', 'json']);
    expect((JSON.parse(stdout) as { info: { status: string } }).info.status).toBe('deployed');
    const deployment = await apps.readNamespacedDeployment({ name: 'tiny', namespace: ns });
    expect(deployment.status?.readyReplicas).toBe(2);
  });
});
