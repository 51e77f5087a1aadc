/**
 * Updates of a running store through the API (src/main.ts, API and worker) against the run's real PostgreSQL, the
 * local control plane (etcd, kube-apiserver, controllers, kwok) and the pinned helm: preview, PATCH with If-Match,
 * an update that fails and is rolled back, the history and a rollback. One store, `upd-a`, goes through them all.
 * kwok keeps pods of an image tagged `never-ready` unready (test/cluster/kwok/stages.yaml), which the operator's
 * allowed versions include here. Storage growth: `upd-a` sits on the default class, which does not allow expansion,
 * so a larger plan keeps its claims' size; `grow-a`, on a class made here that allows it, grows them, and a rollback
 * to its first revision (a re-rendered upgrade) keeps them grown.
 */
import type { ManifestChange, RevisionView, StoreView, ValueChange } from '@store-platform/contracts';
import * as k8s from '@kubernetes/client-node';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { useProvisioner } from './provisioner-process.js';

const { core, apps, kc } = adminKube(inject('kubeconfig'));
const storageApi = kc.makeApiClient(k8s.StorageV1Api);
const provisioner = useProvisioner('updates', {
  ENGINE_VERSIONS_WOOCOMMERCE: 'never-ready',
  // A failing upgrade gives up after this long and is rolled back: short, so that the test ends soon.
  UPDATE_TIMEOUT_SECONDS: '20',
});
const name = 'upd-a';
const namespace = `store-${name}`;
const ifMatch = (store: { version: number }) => ({ 'if-match': `"${store.version}"` });

const quota = async () =>
  (await core.readNamespacedResourceQuota({ name: `${name}-quota`, namespace })).spec?.hard ?? {};
/** What each of a store's claims asks for (spec.resources.requests.storage), by claim name. */
const claimRequests = async (store: string) => {
  const { items } = await core.listNamespacedPersistentVolumeClaim({ namespace: `store-${store}` });
  return Object.fromEntries(
    items.map((c) => [c.metadata?.name, String(c.spec?.resources?.requests?.storage)] as const),
  );
};
const limits = async () =>
  (await core.readNamespacedLimitRange({ name: `${name}-limits`, namespace })).spec?.limits[0];

/** Waits until the store's update or rollback has ended, and returns the store. */
async function settled(api = provisioner().api, store = name): Promise<StoreView> {
  return waitFor(
    `store ${store} to finish its operation`,
    async () => {
      const { body } = await api.store(store);
      const view = body as unknown as StoreView;
      const phase = view.operation?.phase;
      if (view.status === 'updating' || phase === 'queued' || phase === 'running') {
        throw new Error(`store ${store}: ${view.status}, operation ${phase}`);
      }
      return view;
    },
    { timeoutMs: 150_000, intervalMs: 500 },
  );
}

beforeAll(async () => {
  const api = provisioner().api;
  const created = await api.call('POST', '/stores', { body: { name, engine: 'woocommerce', plan: 'basic' } });
  expect(created.status).toBe(202);
  await api.waitForStatus(name, 'running');
}, 180_000);

describe('store updates through the API', () => {
  it('lets a viewer read the history and the allowed versions but not preview, update or roll back', async () => {
    const api = provisioner().api;
    const created = await api.call('POST', '/auth/users', {
      body: { username: 'vic', password: 'viewer-password-1', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    const url = provisioner().url;
    const viewer = apiClient(url, await apiClient(url).tokenFor('vic', 'viewer-password-1'));
    expect((await viewer.call('GET', `/stores/${name}/revisions`)).status).toBe(200);
    // What an update may set is the operator's list (ENGINE_VERSIONS_WOOCOMMERCE).
    const engines = (await viewer.call('GET', '/engines')).body.items as { id: string; versions: string[] }[];
    expect(engines.find((e) => e.id === 'woocommerce')?.versions).toEqual(['never-ready']);
    for (const [method, path, body] of [
      ['PATCH', `/stores/${name}`, { title: 'Viewer' }],
      ['POST', `/stores/${name}/preview`, { title: 'Viewer' }],
      ['POST', `/stores/${name}/rollback`, { revision: 1 }],
    ] as const) {
      const response = await viewer.call(method, path, { body, headers: { 'if-match': '"1"' } });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
  });

  it('refuses more than one replica without shared uploads, and a PATCH without If-Match, before anything is applied', async () => {
    const api = provisioner().api;
    const before = (await api.store(name)).body as unknown as StoreView;
    const refused = await api.call('PATCH', `/stores/${name}`, {
      body: { replicas: 2 },
      headers: ifMatch(before),
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'update_refused',
      details: { rule: 'replicas_need_shared_uploads' },
    });
    expect(refused.body.message).toContain('ReadWriteOnce');
    const blind = await api.call('PATCH', `/stores/${name}`, { body: { title: 'Blind' } });
    expect(blind.status).toBe(428);
    const after = (await api.store(name)).body as unknown as StoreView;
    expect(after).toMatchObject({ version: before.version, status: 'running', plan: 'basic' });
    expect(after.operation?.kind).toBe('create');
  });

  it('previews a plan change with the quota and limits that change, then applies it once of two concurrent PATCHes', async () => {
    const api = provisioner().api;
    const store = (await api.store(name)).body as unknown as StoreView;
    const change = { plan: 'standard', replicas: 1 };
    const preview = await api.call('POST', `/stores/${name}/preview`, { body: change });
    expect(preview.status).toBe(200);
    expect(preview.body.version).toBe(store.version);
    expect(preview.body.values as ValueChange[]).toEqual(
      expect.arrayContaining([
        { field: 'plan', from: 'basic', to: 'standard' },
        { field: 'values.store.plan', from: 'basic', to: 'standard' },
      ]),
    );
    const manifests = preview.body.manifests as ManifestChange[];
    const quotaDiff = manifests.find((m) => m.kind === 'ResourceQuota');
    expect(quotaDiff).toMatchObject({ name: `${name}-quota`, change: 'changed' });
    expect(quotaDiff?.diff).toMatch(/^-\s+requests\.cpu: 1500m$/m);
    expect(quotaDiff?.diff).toMatch(/^\+\s+requests\.cpu: "4"$/m);
    expect(manifests.find((m) => m.kind === 'LimitRange')?.change).toBe('changed');
    // The default class does not allow expansion: the claims keep their size, and the preview says so.
    expect((preview.body.values as ValueChange[]).map((v) => v.field)).not.toContain('storage.uploads');
    expect((preview.body.notes as string[]).join('\n')).toContain(
      `claim ${name}-uploads keeps 5Gi (the plan sizes it 10Gi): its storage class standard does not allow expansion`,
    );
    // Nothing applied by the preview.
    expect((await quota())['requests.cpu']).toBe('1500m');

    const [first, second] = await Promise.all(
      [0, 1].map(() => api.call('PATCH', `/stores/${name}`, { body: change, headers: ifMatch(store) })),
    );
    expect([first?.status, second?.status].sort()).toEqual([202, 409]);
    expect([first, second].find((r) => r?.status === 409)?.body.code).toBe('version_mismatch');

    const updated = await settled();
    expect(updated).toMatchObject({ status: 'running', plan: 'standard', settings: { replicas: 1 } });
    expect(updated.operation?.steps.map((s) => [s.name, s.status])).toEqual([
      ['check', 'done'],
      ['upgrade', 'done'],
      ['storage', 'skipped'],
      ['migrate', 'done'],
      ['revert', 'skipped'],
    ]);
    expect(await quota()).toMatchObject({ 'requests.cpu': '4', 'requests.memory': '6Gi' });
    expect(await claimRequests(name)).toEqual({ [`data-${name}-db-0`]: '10Gi', [`${name}-uploads`]: '5Gi' });
    expect((await limits())?.max).toMatchObject({ cpu: '2', memory: '2Gi' });
    const activity = await api.call('GET', `/activity?store=${name}&action=update`);
    const entries = activity.body.items as { result: string; detail: string | null }[];
    expect(entries.find((e) => e.result === 'succeeded')?.detail).toBe('plan basic -> standard, replicas 1');
  });

  it('rolls a failed update back to the revision it ran, keeps the store Running on its old values, and says why', async () => {
    const api = provisioner().api;
    const store = (await api.store(name)).body as unknown as StoreView;
    const started = await api.call('PATCH', `/stores/${name}`, {
      body: { engineVersion: 'never-ready' },
      headers: ifMatch(store),
    });
    expect(started.status).toBe(202);
    const after = await settled();
    expect(after).toMatchObject({ status: 'running', plan: 'standard', settings: { replicas: 1 } });
    expect(after.settings.engineVersion).toBeUndefined();
    expect(after.operation?.phase).toBe('failed');
    expect(after.operation?.error?.step).toBe('upgrade');
    expect(after.operation?.error?.message).toContain('rolled back to revision 2');
    expect(after.operation?.error?.evidence.join('\n')).toContain(`${name}-app`);
    const deployment = await apps.readNamespacedDeployment({ name: `${name}-app`, namespace });
    expect(deployment.spec?.template.spec?.containers[0]?.image).not.toContain('never-ready');
  });

  it('lists the revisions with who made them and what changed, and rolls back to the first', async () => {
    const api = provisioner().api;
    const listed = await api.call('GET', `/stores/${name}/revisions`);
    expect(listed.status).toBe(200);
    const revisions = listed.body.items as RevisionView[];
    expect(revisions.map((r) => [r.revision, r.status, r.actor])).toEqual([
      [4, 'deployed', 'admin'],
      [3, 'failed', 'admin'],
      [2, 'superseded', 'admin'],
      [1, 'superseded', 'admin'],
    ]);
    expect(revisions[2]?.changes).toEqual([
      { field: 'plan', from: 'basic', to: 'standard' },
      { field: 'replicas', from: null, to: 1 },
    ]);
    expect(revisions[1]?.changes).toEqual([{ field: 'engineVersion', from: null, to: 'never-ready' }]);

    const store = (await api.store(name)).body as unknown as StoreView;
    const current = await api.call('POST', `/stores/${name}/rollback`, {
      body: { revision: 4 },
      headers: ifMatch(store),
    });
    expect(current).toMatchObject({ status: 422, body: { details: { rule: 'revision_is_current' } } });
    const started = await api.call('POST', `/stores/${name}/rollback`, {
      body: { revision: 1 },
      headers: ifMatch(store),
    });
    expect(started.status).toBe(202);
    const back = await settled();
    expect(back).toMatchObject({ status: 'running', plan: 'basic', settings: {} });
    expect(back.operation).toMatchObject({ kind: 'rollback', phase: 'succeeded' });
    expect((await quota())['requests.cpu']).toBe('1500m');
    const newest = ((await api.call('GET', `/stores/${name}/revisions`)).body.items as RevisionView[])[0];
    expect(newest).toMatchObject({ revision: 5, description: 'Rollback to 1', actor: 'admin' });
  });
});

describe('storage growth on a class that allows expansion', () => {
  const store = 'grow-a';
  const storageClass = `expandable-${store}`;
  // A class like the default one (the controller-manager's host-path provisioner) that allows expansion.
  beforeAll(async () => {
    await storageApi.createStorageClass({
      body: {
        metadata: { name: storageClass },
        provisioner: 'kubernetes.io/host-path',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
        allowVolumeExpansion: true,
      },
    });
  });
  afterAll(async () => {
    await storageApi.deleteStorageClass({ name: storageClass });
  });
  const growing = useProvisioner('updates_storage', { STORAGE_CLASS: storageClass });

  it('grows the claims to a larger plan, and a rollback to the first revision keeps them grown', async () => {
    const api = growing().api;
    const created = await api.call('POST', '/stores', {
      body: { name: store, engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status).toBe(202);
    await api.waitForStatus(store, 'running');
    const claims = { database: `data-${store}-db-0`, uploads: `${store}-uploads` };
    expect(await claimRequests(store)).toEqual({ [claims.database]: '10Gi', [claims.uploads]: '5Gi' });

    const change = { plan: 'standard', replicas: 1 };
    const preview = await api.call('POST', `/stores/${store}/preview`, { body: change });
    expect(preview.body.values as ValueChange[]).toEqual(
      expect.arrayContaining([
        { field: 'storage.database', from: '10Gi', to: '20Gi' },
        { field: 'storage.uploads', from: '5Gi', to: '10Gi' },
      ]),
    );
    expect(preview.body.notes).toContain(`claim ${claims.uploads} grows 5Gi -> 10Gi; claims never shrink`);

    const before = (await api.store(store)).body as unknown as StoreView;
    const patched = await api.call('PATCH', `/stores/${store}`, { body: change, headers: ifMatch(before) });
    expect(patched.status).toBe(202);
    const updated = await settled(api, store);
    expect(updated).toMatchObject({ status: 'running', plan: 'standard' });
    expect(updated.operation?.steps.find((s) => s.name === 'storage')).toMatchObject({ status: 'done' });
    expect(await claimRequests(store)).toEqual({ [claims.database]: '20Gi', [claims.uploads]: '10Gi' });

    // helm rollback would re-apply revision 1's 5Gi uploads claim, which the API server refuses (no shrink).
    const grown = (await api.store(store)).body as unknown as StoreView;
    const rollback = await api.call('POST', `/stores/${store}/rollback`, {
      body: { revision: 1 },
      headers: ifMatch(grown),
    });
    expect(rollback.status).toBe(202);
    const back = await settled(api, store);
    expect(back).toMatchObject({ status: 'running', plan: 'basic', settings: {} });
    expect(back.operation).toMatchObject({ kind: 'rollback', phase: 'succeeded' });
    expect(await claimRequests(store)).toEqual({ [claims.database]: '20Gi', [claims.uploads]: '10Gi' });
    const revisions = (await api.call('GET', `/stores/${store}/revisions`)).body.items as RevisionView[];
    expect(revisions[0]).toMatchObject({ revision: 3, description: 'Rollback to 1', actor: 'admin' });
    expect(revisions[1]?.changes).toEqual(
      expect.arrayContaining([{ field: 'storage.uploads', from: '5Gi', to: '10Gi' }]),
    );
  });
});
