/**
 * The provisioner as a process (src/main.ts, API and worker) against the run's real PostgreSQL, the local control
 * plane (etcd, kube-apiserver, controllers, kwok) and the pinned helm, installing helm-charts/store-instance.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import * as k8s from '@kubernetes/client-node';
import type { StoreView } from '@store-platform/contracts';
import { adminKube, resolveTools } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { apiClient } from './api-client.js';
import {
  createDatabase,
  createdOnSimulatedCluster,
  failingJobsValues,
  startProvisioner,
  type ProvisionerProcess,
} from './provisioner-process.js';

const run = promisify(execFile);
const { core, env: adminEnv } = adminKube(inject('kubeconfig'));

let provisioner: ProvisionerProcess;
let databaseUrl: string;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  databaseUrl = await createDatabase(inject('databaseUrl'), 'lifecycle');
  provisioner = await startProvisioner({ DATABASE_URL: databaseUrl });
  api = provisioner.api;
});
afterAll(async () => {
  await provisioner?.stop();
});

const namespaceExists = async (name: string) =>
  core.readNamespace({ name }).then(
    () => true,
    (error: unknown) =>
      error instanceof k8s.ApiException && error.code === 404 ? false : Promise.reject(error),
  );

async function helmReleases(namespace: string): Promise<string[]> {
  const tools = await resolveTools();
  const { stdout } = await run(tools.helm, ['list', '-n', namespace, '--all', '-q'], {
    env: adminEnv,
  });
  return stdout.split('\n').filter(Boolean);
}

describe('store lifecycle through the API', () => {
  it('creates a WooCommerce store that reaches Running, then deletes it without a trace', async () => {
    const created = await api.call('POST', '/stores', {
      body: { name: 'corner-shop', engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      name: 'corner-shop',
      status: 'provisioning',
      namespace: 'store-corner-shop',
    });
    expect((created.body.operation as { phase: string }).phase).toBe('queued');

    const running = await api.waitForStatus('corner-shop', 'running');
    const steps = running.operation?.steps ?? [];
    expect(steps.map((s) => [s.name, s.status])).toEqual(createdOnSimulatedCluster);
    expect(steps.at(-1)?.message).toContain('STOREFRONT_CHECK=false');
    expect(steps.every((s) => s.startedAt && s.finishedAt)).toBe(true);
    expect(running.urls).toEqual({
      storefront: 'https://corner-shop.127.0.0.1.nip.io/',
      admin: 'https://corner-shop.127.0.0.1.nip.io/wp-admin/',
    });
    const namespace = await core.readNamespace({ name: 'store-corner-shop' });
    expect(namespace.metadata?.labels).toMatchObject({
      'app.kubernetes.io/part-of': 'store-platform',
      'store-platform.io/store': 'corner-shop',
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    expect(await helmReleases('store-corner-shop')).toEqual(['store-corner-shop']);

    // An admin may see the store administrator's sign-in; it comes from the store's Secret, and the reveal is logged.
    const revealed = await api.call('POST', '/stores/corner-shop/credentials');
    expect(revealed.status).toBe(200);
    expect(revealed.headers.get('cache-control')).toBe('no-store');
    const secret = await core.readNamespacedSecret({
      namespace: 'store-corner-shop',
      name: 'corner-shop-credentials',
    });
    expect(revealed.body).toEqual({
      username: 'admin',
      password: Buffer.from(secret.data?.['admin-password'] ?? '', 'base64').toString(),
      adminUrl: 'https://corner-shop.127.0.0.1.nip.io/wp-admin/',
    });
    expect(String(revealed.body.password)).toHaveLength(24);
    const { body: log } = await api.call('GET', '/activity?store=corner-shop&action=reveal-credentials');
    expect(log.items).toEqual([expect.objectContaining({ actor: 'admin', result: 'succeeded' })]);

    const started = Date.now();
    const deleted = await api.call('DELETE', '/stores/corner-shop');
    expect(deleted.status).toBe(202);
    expect(deleted.body.status).toBe('deleting');
    await api.waitForGone('corner-shop');
    const seconds = (Date.now() - started) / 1000;
    console.log(`store corner-shop deleted in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(120);
    expect(await namespaceExists('store-corner-shop')).toBe(false);
    const { body: list } = await api.call('GET', '/stores');
    expect((list.items as StoreView[]).map((s) => s.name)).not.toContain('corner-shop');
  });

  it('answers a repeated create with the same Idempotency-Key once, and refuses the key for another request', async () => {
    const headers = { 'idempotency-key': 'order-42' };
    const body = { name: 'once-only', engine: 'woocommerce', plan: 'basic' };
    const [first, second] = await Promise.all([
      api.call('POST', '/stores', { body, headers }),
      api.call('POST', '/stores', { body, headers }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect((first.body.operation as { id: string }).id).toBe((second.body.operation as { id: string }).id);
    const other = await api.call('POST', '/stores', { body: { ...body, name: 'twice' }, headers });
    expect(other.status).toBe(409);
    expect(other.body.message).toContain('already used for a different request');
    await api.waitForStatus('once-only', 'running');
    expect((await api.call('DELETE', '/stores/once-only')).status).toBe(202);
    await api.waitForGone('once-only');
  });

  it('refuses a Medusa store while the engine is coming soon, and says so', async () => {
    const { body: engines } = await api.call('GET', '/engines');
    expect(engines.items).toContainEqual(
      expect.objectContaining({ id: 'medusa', availability: 'coming_soon' }),
    );
    const response = await api.call('POST', '/stores', {
      body: { name: 'headless', engine: 'medusa', plan: 'basic' },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'engine_coming_soon',
      message: expect.stringContaining('coming soon'),
    });
    expect((await api.store('headless')).status).toBe(404);
  });
});

describe('bad requests', () => {
  const cases: [string, unknown, number, string][] = [
    ['a short name', { name: 'ab', engine: 'woocommerce', plan: 'basic' }, 400, 'body.name'],
    ['an invalid name', { name: 'My_Shop', engine: 'woocommerce', plan: 'basic' }, 400, 'lower-case letters'],
    [
      'a reserved name',
      { name: 'dashboard', engine: 'woocommerce', plan: 'basic' },
      400,
      '"dashboard" is reserved',
    ],
    ['an unknown engine', { name: 'shop-a', engine: 'shopify', plan: 'basic' }, 400, 'body.engine'],
    ['an unknown plan', { name: 'shop-b', engine: 'woocommerce', plan: 'gold' }, 400, 'body.plan'],
    ['a wrong type', { name: 42, engine: 'woocommerce', plan: 'basic' }, 400, 'body.name'],
    [
      'an unknown field',
      { name: 'shop-c', engine: 'woocommerce', plan: 'basic', replicas: 9 },
      400,
      'replicas',
    ],
  ];
  it.each(cases)('refuses %s with a reason and creates nothing', async (_what, body, status, problem) => {
    const response = await api.call('POST', '/stores', { body });
    expect(response.status).toBe(status);
    expect(response.body.code).toBe('validation_failed');
    expect(String(response.body.message)).toContain(problem);
    const { body: list } = await api.call('GET', '/stores');
    expect(list.items).toEqual([]);
  });

  it('refuses a huge body', async () => {
    const response = await api.call('POST', '/stores', {
      rawBody: JSON.stringify({ name: 'x'.repeat(100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(String(response.body.message)).toMatch(/body/i);
  });
});

describe('failures', () => {
  it('rolls back a store whose setup Job fails, explains why, and retries it clean', async () => {
    // Its own database: another provisioner on the same queue would take the job without the failure.
    const failuresDb = await createDatabase(inject('databaseUrl'), 'failures');
    // Every hook Job pod of this provisioner's stores fails.
    const values = await failingJobsValues('failing-setup');
    const failing = await startProvisioner({
      DATABASE_URL: failuresDb,
      STORE_VALUES_FILES: values,
    });
    const failingApi = failing.api;
    try {
      expect(
        (
          await failingApi.call('POST', '/stores', {
            body: { name: 'doomed', engine: 'woocommerce', plan: 'basic' },
          })
        ).status,
      ).toBe(202);
      const failed = await failingApi.waitForStatus('doomed', 'failed', 150_000);
      expect(failed.reason).toContain('Install store (Helm) failed');
      expect(failed.reason).toContain('BackoffLimitExceeded');
      expect(failed.reason).toContain('Everything created for the store was removed');
      expect(failed.operation?.error?.step).toBe('install');
      expect(failed.operation?.error?.evidence.join('\n')).toMatch(/failed|Error|BackoffLimitExceeded/);
      expect(await namespaceExists('store-doomed')).toBe(false);
    } finally {
      await failing.stop();
    }

    // The cause is fixed (no more failing Jobs): a retry on the same records starts clean and succeeds.
    const fixed = await startProvisioner({
      DATABASE_URL: failuresDb,
      // The same database: its admin already exists with the first process's password.
      PLATFORM_ADMIN_PASSWORD: failing.adminPassword,
    });
    const fixedApi = fixed.api;
    try {
      const retried = await fixedApi.call('POST', '/stores/doomed/retry');
      expect(retried.status).toBe(202);
      const running = await fixedApi.waitForStatus('doomed', 'running');
      expect(running.operation?.kind).toBe('retry');
      expect(await helmReleases('store-doomed')).toEqual(['store-doomed']);
      expect((await fixedApi.call('DELETE', '/stores/doomed')).status).toBe(202);
      await fixedApi.waitForGone('doomed');
    } finally {
      await fixed.stop();
    }
  });

  it('lets one of two concurrent writes win and answers the other 409 with the current state', async () => {
    expect(
      (
        await api.call('POST', '/stores', {
          body: { name: 'contested', engine: 'woocommerce', plan: 'basic' },
        })
      ).status,
    ).toBe(202);
    const store = await api.waitForStatus('contested', 'running');
    const ifMatch = { 'if-match': `"${String(store.version)}"` };
    const [first, second] = await Promise.all([
      api.call('DELETE', '/stores/contested', { headers: ifMatch }),
      api.call('DELETE', '/stores/contested', { headers: ifMatch }),
    ]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    const loser = first.status === 409 ? first : second;
    expect(loser.body.details).toMatchObject({ current: expect.objectContaining({ name: 'contested' }) });
    await api.waitForGone('contested');
  });
});
