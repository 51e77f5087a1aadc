/**
 * helm-charts/store-instance upgrading a store whose database StatefulSet predates the headless Service: the
 * pinned helm against the local control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
 * kwok) that the integration global setup starts. A StatefulSet's serviceName is immutable, so the chart must
 * keep the live one; the old StatefulSet is recreated here as the previous chart made it (serviceName
 * `{name}-db`), with Helm's ownership, after an install of the current chart.
 */
import * as k8s from '@kubernetes/client-node';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { describe, expect, inject, it } from 'vitest';

import { chartPath, helm, setFlags } from './helm.js';

const { env, core, apps, batch } = adminKube(inject('kubeconfig'));

const gone = (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    (error: unknown) =>
      error instanceof k8s.ApiException && error.code === 404 ? true : Promise.reject(error),
  );

describe('store-instance upgrade on the control plane', () => {
  it('keeps the serviceName of a database StatefulSet made before the headless Service, and upgrades', async () => {
    const store = 'legacy';
    const namespace = 'store-legacy';
    const labels = {
      'pod-security.kubernetes.io/enforce': 'restricted',
      'app.kubernetes.io/part-of': 'store-platform',
    };
    await core.createNamespace({ body: { metadata: { name: namespace, labels } } });
    const values = setFlags({ 'store.name': store, 'store.engine': 'woocommerce' });
    const chart = chartPath('store-instance');
    await helm(['install', store, chart, '-n', namespace, '--wait', '--timeout', '2m', ...values], env);

    // What the current chart made: the headless Service, the StatefulSet it governs, and the cron CronJob.
    const service = await core.readNamespacedService({ name: `${store}-db-headless`, namespace });
    expect(service.spec?.clusterIP).toBe('None');
    const current = await apps.readNamespacedStatefulSet({ name: `${store}-db`, namespace });
    expect(current.spec?.serviceName).toBe(`${store}-db-headless`);
    const cron = await batch.readNamespacedCronJob({ name: `${store}-cron`, namespace });
    expect(cron.spec?.concurrencyPolicy).toBe('Forbid');

    // The StatefulSet as the previous chart made it: orphan the pod and claim, recreate it with serviceName {name}-db.
    await apps.deleteNamespacedStatefulSet({ name: `${store}-db`, namespace, propagationPolicy: 'Orphan' });
    await waitFor('the StatefulSet to be gone', () =>
      gone(apps.readNamespacedStatefulSet({ name: `${store}-db`, namespace })),
    );
    const { name, labels: ownLabels, annotations } = current.metadata ?? {};
    await apps.createNamespacedStatefulSet({
      namespace,
      body: {
        metadata: { name, namespace, labels: ownLabels, annotations },
        spec: { ...current.spec!, serviceName: `${store}-db` },
      },
    });

    // Changing serviceName would be refused ("updates to statefulset spec for fields other than ... are forbidden").
    await helm(
      [
        'upgrade',
        store,
        chart,
        '-n',
        namespace,
        '--reuse-values',
        '--wait',
        '--timeout',
        '2m',
        ...setFlags({ 'store.title': 'Kept' }),
      ],
      env,
    );
    const upgraded = await apps.readNamespacedStatefulSet({ name: `${store}-db`, namespace });
    expect(upgraded.spec?.serviceName).toBe(`${store}-db`);
    await waitFor('the database to be ready after the upgrade', async () => {
      const db = await apps.readNamespacedStatefulSet({ name: `${store}-db`, namespace });
      return db.status?.readyReplicas === 1 ? true : undefined;
    });

    await helm(['uninstall', store, '-n', namespace, '--wait'], env);
    await core.deleteNamespace({ name: namespace });
    await waitFor(`namespace ${namespace} to be gone`, () => gone(core.readNamespace({ name: namespace })), {
      timeoutMs: 60_000,
    });
  });
});
