/**
 * The deletion policy through the API (src/main.ts, API and worker) against the run's real PostgreSQL, the local
 * control plane (etcd, kube-apiserver, controllers with the host-path provisioner, kwok) and the pinned helm: a
 * store deleted with retainData keeps its PersistentVolumes (Retain, labelled) past its namespace, is listed as
 * deleted with its restorableUntil, and is purged after its retention (time is a setting: 0.00035 days, about
 * 30 s, and a purge every second), which releases its volumes and logs `purge`; meanwhile a new store took its
 * name, and the purge leaves that one's volumes. Who may skip the backup: admins.
 * The backup itself needs backups configured (the backup service): the unit tests cover it with a double.
 * The provisioner runs as the store-platform chart's ServiceAccount: its rights on PersistentVolumes (cluster-scoped)
 * are the chart's RBAC of the deletion policy.
 */
import { randomBytes } from 'node:crypto';

import * as k8s from '@kubernetes/client-node';
import type { ActivityPageView, DeletedStoreView, StoreView } from '@store-platform/contracts';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { useProvisioner } from './provisioner-process.js';

const { core } = adminKube(inject('kubeconfig'));
const retentionDays = 0.00035;
const provisioner = useProvisioner('deletion_policy', {
  DELETION_RETAIN_DATA: 'true',
  DELETION_RETENTION_DAYS: String(retentionDays),
  PURGE_INTERVAL_SECONDS: '1',
});
const name = 'dp-keep';
const namespace = `store-${name}`;

const missing = (error: unknown) => error instanceof k8s.ApiException && error.code === 404;

/** The names of the PersistentVolumes bound to the store's claims, once every claim is bound. */
async function boundVolumes(): Promise<string[]> {
  return waitFor(`the claims of ${namespace} to be bound`, async () => {
    const { items } = await core.listNamespacedPersistentVolumeClaim({ namespace });
    if (items.length === 0 || items.some((c) => c.status?.phase !== 'Bound')) {
      throw new Error(`claims: ${items.map((c) => `${c.metadata?.name} ${c.status?.phase}`).join(', ')}`);
    }
    return items.map((c) => c.spec?.volumeName as string).sort();
  });
}

async function deletedStores(): Promise<DeletedStoreView[]> {
  const { status, body } = await provisioner().api.call('GET', '/deleted-stores');
  expect(status).toBe(200);
  return (body as unknown as { items: DeletedStoreView[] }).items;
}

/** A client signed in as a new operator. */
async function operator() {
  const { api, url } = provisioner();
  const password = randomBytes(18).toString('base64url');
  const created = await api.call('POST', '/auth/users', {
    body: { username: 'dp-operator', password, role: 'operator' },
  });
  expect(created.status).toBe(201);
  return apiClient(url, await apiClient(url).tokenFor('dp-operator', password));
}

describe('deletion policy', () => {
  let volumes: string[];

  beforeAll(async () => {
    const { api } = provisioner();
    const created = await api.call('POST', '/stores', {
      body: { name, engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status).toBe(202);
    await api.waitForStatus(name, 'running');
    volumes = await boundVolumes();
  }, 240_000);

  it('publishes the delete query and the deleted stores in the OpenAPI document', async () => {
    const { body } = await apiClient(provisioner().url).call('GET', '/openapi.json');
    const paths = body.paths as Record<
      string,
      Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>
    >;
    const query = paths['/stores/{name}']?.delete?.parameters?.filter((p) => p.in === 'query');
    expect(query?.map((p) => p.name).sort()).toEqual(['backup', 'retainData']);
    expect(JSON.stringify(paths['/deleted-stores']?.get?.responses['200'])).toContain('restorableUntil');
  });

  it('refuses an operator skipping the backup or choosing the data, saying why, and leaves the store', async () => {
    const api = await operator();

    const skip = await api.call('DELETE', `/stores/${name}?backup=false`);
    expect(skip.status).toBe(403);
    expect(skip.body.message).toBe(
      'skipping the backup before a delete (backup=false) needs the admin role; yours is operator. ' +
        'Delete without it to take the backup the deletion policy asks for',
    );
    const keep = await api.call('DELETE', `/stores/${name}?retainData=false`);
    expect(keep.status).toBe(403);
    expect(keep.body.message).toContain('needs the admin role');
    const typo = await api.call('DELETE', `/stores/${name}?backup=no`);
    expect(typo.status).toBe(400);
    expect((await api.store(name)).body).toMatchObject({ status: 'running', operation: { kind: 'create' } });
  });

  it('deletes with the backup skipped by an admin, keeps the volumes past the namespace, and lists the store as deleted', async () => {
    const { api } = provisioner();
    const deleting = await api.call('DELETE', `/stores/${name}?backup=false`);
    expect(deleting.status).toBe(202);

    // What the store page shows while the delete runs: the backup skipped and why, the volumes kept.
    const seen = await waitFor(
      `the delete of ${name} to keep its volumes`,
      async () => {
        const { status, body } = await api.store(name);
        if (status !== 200) throw new Error(`GET /stores/${name} answers ${status}: the delete ended unseen`);
        const steps = (body as unknown as StoreView).operation?.steps ?? [];
        return steps.find((s) => s.name === 'retain')?.status === 'done' ? steps : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(seen.find((s) => s.name === 'backup')).toMatchObject({
      title: 'Back up before deleting',
      status: 'skipped',
      message: 'skipped by admin admin (backup=false)',
    });
    expect(seen.find((s) => s.name === 'retain')?.message).toMatch(
      new RegExp(`^kept ${volumes.length} volumes? past the delete \\(reclaim policy Retain\\): `),
    );
    await api.waitForGone(name);

    await waitFor(`namespace ${namespace} to be gone`, async () =>
      core.readNamespace({ name: namespace }).then(
        () => undefined,
        (error: unknown) => (missing(error) ? true : Promise.reject(error)),
      ),
    );
    for (const volume of volumes) {
      const released = await waitFor(`volume ${volume} to be Released`, async () => {
        const pv = await core.readPersistentVolume({ name: volume });
        return pv.status?.phase === 'Released' ? pv : undefined;
      });
      expect(released.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
      expect(released.metadata?.labels).toMatchObject({
        'store-platform.io/store': name,
        'store-platform.io/instance': inject('provisionerIdentity').instance,
      });
    }

    const list = (await api.call('GET', '/stores')).body as unknown as { items: StoreView[] };
    expect(list.items.map((s) => s.name)).not.toContain(name);
    const deleted = (await deletedStores()).find((d) => d.name === name);
    expect(deleted).toMatchObject({
      engine: 'woocommerce',
      plan: 'basic',
      deletedBy: 'admin',
      lastBackupId: null,
    });
    expect(deleted?.retainedVolumes.map((v) => v.name).sort()).toEqual(volumes);
    expect(Date.parse(deleted?.restorableUntil ?? '') - Date.parse(deleted?.deletedAt ?? '')).toBe(
      Math.round(retentionDays * 86_400_000),
    );
  });

  it('lets a new store take the name of the deleted one at once', async () => {
    const { api } = provisioner();
    const again = await api.call('POST', '/stores', { body: { name, engine: 'woocommerce', plan: 'basic' } });
    expect(again.status).toBe(202);
    await api.waitForStatus(name, 'running');
    expect((await deletedStores()).filter((d) => d.name === name)).toHaveLength(1);
  }, 180_000);

  it('purges the deleted store after its retention: it leaves the list, its volumes go, and the purge is logged', async () => {
    const { api } = provisioner();
    await waitFor(
      `${name} to leave the deleted stores`,
      async () => ((await deletedStores()).some((d) => d.name === name) ? undefined : true),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    for (const volume of volumes) {
      await waitFor(`volume ${volume} to be deleted`, async () =>
        core.readPersistentVolume({ name: volume }).then(
          () => undefined,
          (error: unknown) => (missing(error) ? true : Promise.reject(error)),
        ),
      );
    }
    // The new store of that name keeps its own volumes: the purge released only the deleted one's.
    const current = await boundVolumes();
    expect(current.filter((v) => volumes.includes(v))).toEqual([]);
    expect((await api.store(name)).body).toMatchObject({ status: 'running' });
    const activity = await api.call('GET', `/activity?store=${name}&action=purge`);
    expect((activity.body as unknown as ActivityPageView).items).toMatchObject([
      {
        actor: 'platform',
        result: 'succeeded',
        detail: `backups removed: 0 (backups are not configured), volumes released: ${volumes.length}`,
      },
    ]);
  });
});
