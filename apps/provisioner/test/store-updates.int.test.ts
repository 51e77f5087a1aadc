/**
 * Updates of a running store through the API (src/main.ts, API and worker) against the run's real PostgreSQL, the
 * local control plane (etcd, kube-apiserver, controllers, kwok) and the pinned helm: preview, PATCH with If-Match,
 * an update that fails and is rolled back, the history and a rollback. One store, `upd-a`, goes through them all.
 * kwok keeps pods of an image tagged `never-ready` unready (test/cluster/kwok/stages.yaml), which the operator's
 * allowed versions include here.
 */
import type { ManifestChange, RevisionView, StoreView, ValueChange } from '@store-platform/contracts';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { useProvisioner } from './provisioner-process.js';

const { core, apps } = adminKube(inject('kubeconfig'));
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
const limits = async () =>
  (await core.readNamespacedLimitRange({ name: `${name}-limits`, namespace })).spec?.limits[0];

/** Waits until the store's update or rollback has ended, and returns the store. */
async function settled(): Promise<StoreView> {
  const api = provisioner().api;
  return waitFor(
    `store ${name} to finish its operation`,
    async () => {
      const { body } = await api.store(name);
      const store = body as unknown as StoreView;
      const phase = store.operation?.phase;
      if (store.status === 'updating' || phase === 'queued' || phase === 'running') {
        throw new Error(`store ${name}: ${store.status}, operation ${phase}`);
      }
      return store;
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
      ['migrate', 'done'],
      ['revert', 'skipped'],
    ]);
    expect(await quota()).toMatchObject({ 'requests.cpu': '4', 'requests.memory': '6Gi' });
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
