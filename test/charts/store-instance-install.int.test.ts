/**
 * helm-charts/store-instance installed for real: the pinned helm against the local control plane (etcd,
 * kube-apiserver, kube-controller-manager, kube-scheduler, kwok) that the integration global setup starts.
 */
import * as k8s from '@kubernetes/client-node';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { describe, expect, inject, it } from 'vitest';

import { chartPath, helm, setFlags } from './helm.js';

const { env, kc, core, apps, batch } = adminKube(inject('kubeconfig'));

const restricted = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'app.kubernetes.io/part-of': 'store-platform',
};
// The setup hook Job of each engine (Medusa's creates the administrator; it migrates in its pods' init containers).
const hookJob = { woocommerce: 'setup', medusa: 'setup' } as const;
const gone = (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    (error: unknown) =>
      error instanceof k8s.ApiException && error.code === 404 ? true : Promise.reject(error),
  );

async function expectReady(namespace: string, store: string, engine: keyof typeof hookJob): Promise<void> {
  const { items: deployments } = await apps.listNamespacedDeployment({ namespace });
  expect(deployments.length).toBeGreaterThan(0);
  for (const d of deployments) expect(d.status?.readyReplicas, d.metadata?.name).toBe(d.spec?.replicas);
  const db = await apps.readNamespacedStatefulSet({ name: `${store}-db`, namespace });
  expect(db.status?.readyReplicas).toBe(1);
  if (!hookJob[engine]) return;
  // Helm deletes a hook Job that succeeded; the Job controller's event says that it completed. Events are
  // written apart from the Job's status, and under load a while after it (run-job.ts says the same).
  const job = `${store}-${hookJob[engine]}`;
  const reasons = await waitFor(
    `the Completed event of Job ${job}`,
    async () => {
      const { items: events } = await core.listNamespacedEvent({
        namespace,
        fieldSelector: `involvedObject.name=${job}`,
      });
      const seen = events.map((e) => e.reason);
      return seen.includes('Completed') ? seen : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  expect(reasons).toContain('Completed');
  await expect(gone(batch.readNamespacedJob({ name: job, namespace }))).resolves.toBe(true);
  const claim = await core.readNamespacedPersistentVolumeClaim({ name: `data-${store}-db-0`, namespace });
  expect(claim.status?.phase).toBe('Bound');
}

/** `helm install --wait` of the chart; Helm's timeout is shorter than the test's, so its reason surfaces. */
const install = (release: string, namespace: string, values: Record<string, string | boolean>) =>
  helm(
    [
      'install',
      release,
      chartPath('store-instance'),
      '-n',
      namespace,
      '--wait',
      '--timeout',
      '2m',
      ...setFlags(values),
    ],
    env,
  );

/** Deletes the namespace and waits until it and the volumes of its claims are gone. */
async function deleteNamespace(namespace: string): Promise<void> {
  const { items: claims } = await core.listNamespacedPersistentVolumeClaim({ namespace });
  await core.deleteNamespace({ name: namespace });
  await waitFor(`namespace ${namespace} to be gone`, () => gone(core.readNamespace({ name: namespace })), {
    timeoutMs: 60_000,
  });
  for (const claim of claims) {
    const volume = claim.spec?.volumeName;
    if (volume)
      await waitFor(`volume ${volume} to be deleted`, () =>
        gone(core.readPersistentVolume({ name: volume })),
      );
  }
}

describe.concurrent('store-instance on the control plane', () => {
  const cases = (['woocommerce', 'medusa'] as const).flatMap((engine) =>
    (['basic', 'standard', 'premium'] as const).map((plan) => [engine, plan] as const),
  );

  it.each(cases)(
    '%s on plan %s installs, passes helm test, upgrades under its quota and leaves nothing',
    async (engine, plan) => {
      const store = `${engine.slice(0, 3)}-${plan}`;
      const namespace = `store-${store}`;
      await core.createNamespace({ body: { metadata: { name: namespace, labels: restricted } } });
      const values = { 'store.name': store, 'store.engine': engine, 'store.plan': plan };
      await install(store, namespace, values);
      await expectReady(namespace, store, engine);

      const test = await helm(['test', store, '-n', namespace, '--timeout', '2m'], env);
      expect(test).toMatch(/Phase:\s+Succeeded/);

      // A new image rolls every Deployment: one surge pod each, which the plan's quota must admit.
      const tag = `${engine}-upgrade-check`;
      const upgrade = { [`engines.${engine}.image.tag`]: tag, 'store.title': 'Renamed shop' };
      await helm(
        [
          'upgrade',
          store,
          chartPath('store-instance'),
          '-n',
          namespace,
          '--reuse-values',
          '--wait',
          '--timeout',
          '2m',
          ...setFlags(upgrade),
        ],
        env,
      );
      const app = await apps.readNamespacedDeployment({ name: `${store}-app`, namespace });
      expect(app.spec?.template.spec?.containers[0]?.image).toContain(tag);
      await expectReady(namespace, store, engine);
      if (engine === 'medusa') {
        // Medusa's setup is a post-upgrade hook too (it puts a missing administrator back): a second Job ran.
        await waitFor('the setup Job of the upgrade to complete', async () => {
          const { items } = await core.listNamespacedEvent({
            namespace,
            fieldSelector: `involvedObject.name=${store}-setup,reason=Completed`,
          });
          return items.length >= 2 ? true : undefined;
        });
      }
      // Controllers retry a create that lost a race on the quota's status; a quota that was too small says so.
      const { items: events } = await core.listNamespacedEvent({
        namespace,
        fieldSelector: 'reason=FailedCreate',
      });
      expect(events.map((e) => e.message).filter((m) => m?.includes('exceeded quota'))).toEqual([]);

      await helm(['uninstall', store, '-n', namespace, '--wait'], env);
      await waitFor('the release claims to be deleted', async () => {
        const { items } = await core.listNamespacedPersistentVolumeClaim({ namespace });
        return items.length === 0 ? true : undefined;
      });
      await deleteNamespace(namespace);
    },
  );

  it('keeps the claims on uninstall when retainData is true', async () => {
    const namespace = 'store-kept';
    await core.createNamespace({ body: { metadata: { name: namespace, labels: restricted } } });
    const values = { 'store.name': 'kept', 'deletionPolicy.retainData': true };
    await install('kept', namespace, values);
    await helm(['uninstall', 'kept', '-n', namespace, '--wait'], env);
    const { items: deployments } = await apps.listNamespacedDeployment({ namespace });
    expect(deployments).toEqual([]);
    const { items: claims } = await core.listNamespacedPersistentVolumeClaim({ namespace });
    expect(claims.map((c) => c.metadata?.name).sort()).toEqual(['data-kept-db-0', 'kept-uploads']);
    await deleteNamespace(namespace);
  });

  it('installs with the direct command from the requirements', async () => {
    const command = [
      'install',
      'store-my-store',
      chartPath('store-instance'),
      '--set',
      'store.name=my-store',
      '--set',
      'store.engine=woocommerce',
      '--set',
      'ingress.host=my-store.127.0.0.1.nip.io',
      '-n',
      'store-my-store',
      '--create-namespace',
    ];
    const output = await helm(command, env);
    expect(output).toContain('STATUS: deployed');
    const ingress = await kc
      .makeApiClient(k8s.NetworkingV1Api)
      .readNamespacedIngress({ name: 'my-store', namespace: 'store-my-store' });
    expect(ingress.spec?.rules?.[0]?.host).toBe('my-store.127.0.0.1.nip.io');
    await helm(['uninstall', 'store-my-store', '-n', 'store-my-store', '--wait'], env);
    await deleteNamespace('store-my-store');
  });
});
