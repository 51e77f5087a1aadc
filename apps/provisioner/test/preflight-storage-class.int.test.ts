/**
 * The provisioner as a process against the run's real PostgreSQL and the local control plane, configured with a
 * storage class the cluster does not have (the requirements' example `fast-ssd`): the store fails at its
 * pre-flight check, before anything is made, and says why and what fixes it.
 */
import { adminKube } from '@store-platform/test-cluster';
import { describe, expect, inject, it } from 'vitest';

import { useProvisioner } from './provisioner-process.js';

const { core } = adminKube(inject('kubeconfig'));

const provisioner = useProvisioner('preflight_storage_class', { STORAGE_CLASS: 'fast-ssd' });

describe('pre-flight with a storage class the cluster does not have', () => {
  it('fails the store in plain words, naming the class and the fix, and makes nothing', async () => {
    const { api } = provisioner();
    const created = await api.call('POST', '/stores', {
      body: { name: 'ssd-shop', engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status).toBe(202);
    const failed = await api.waitForStatus('ssd-shop', 'failed', 60_000);
    const preflight = failed.operation?.steps.find((s) => s.name === 'preflight');
    expect(preflight?.status).toBe('failed');
    expect(preflight?.message).toContain(
      'storage class "fast-ssd" does not exist in this cluster, so the store\'s volumes cannot be created',
    );
    expect(preflight?.message).toContain("sets the platform's global.storageClass to a class that exists");
    // Nothing was made: the namespace step never ran.
    expect(failed.operation?.steps.find((s) => s.name === 'namespace')?.status).not.toBe('done');
    await expect(core.readNamespace({ name: 'store-ssd-shop' })).rejects.toMatchObject({ code: 404 });
  });
});
