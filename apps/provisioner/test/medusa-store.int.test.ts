/**
 * A Medusa store through the provisioner with MEDUSA_ENABLED: the provisioner as a process (src/main.ts) against
 * the run's real PostgreSQL, the local control plane (etcd, kube-apiserver, controllers, kwok) and the pinned
 * helm, installing helm-charts/store-instance. kwok completes the setup Job's pod; what the Job does inside the
 * image is covered by test/charts/store-instance-medusa-setup.test.ts.
 */
import { adminKube } from '@store-platform/test-cluster';
import { describe, expect, inject, it } from 'vitest';

import { createdOnSimulatedCluster, useProvisioner } from './provisioner-process.js';

const { core } = adminKube(inject('kubeconfig'));

const provisioner = useProvisioner('medusa', { MEDUSA_ENABLED: 'true' });

describe('a Medusa store', () => {
  it('waits for its setup Job, which creates the administrator the dashboard reveals', async () => {
    const { api } = provisioner();
    const created = await api.call('POST', '/stores', {
      body: { name: 'headless-shop', engine: 'medusa', plan: 'basic' },
    });
    expect(created.status).toBe(202);

    const running = await api.waitForStatus('headless-shop', 'running');
    const steps = running.operation?.steps ?? [];
    expect(steps.map((s) => [s.name, s.status])).toEqual(createdOnSimulatedCluster);
    expect(steps.find((s) => s.name === 'setup')?.message).toBe('Job headless-shop-setup completed');

    // The sign-in revealed is the one the Job was given: admin-email and admin-password of the store's Secret.
    const secret = await core.readNamespacedSecret({
      namespace: 'store-headless-shop',
      name: 'headless-shop-credentials',
    });
    const key = (name: string) => Buffer.from(secret.data?.[name] ?? '', 'base64').toString();
    const revealed = await api.call('POST', '/stores/headless-shop/credentials');
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({
      username: key('admin-email'),
      password: key('admin-password'),
      adminUrl: 'https://headless-shop.127.0.0.1.nip.io/app',
    });
    expect(revealed.body.username).toBe('admin@headless-shop.127.0.0.1.nip.io');

    expect((await api.call('DELETE', '/stores/headless-shop')).status).toBe(202);
    await api.waitForGone('headless-shop');
  });
});
