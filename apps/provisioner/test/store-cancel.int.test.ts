/**
 * Cancel of a slow create through the API, with the API and the worker as two processes (src/main.ts with ROLE
 * api and worker) on one PostgreSQL database, the local control plane and the pinned helm. The store's database
 * asks for more CPU than any node has (unschedulableDatabaseValues), so `helm --wait` would wait for minutes:
 * the running step shows why and when it gives up, and a cancel stops it and cleans up like a failure.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

import * as k8s from '@kubernetes/client-node';
import type { StoreView } from '@store-platform/contracts';
import { adminKube, resolveTools, waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import {
  createDatabase,
  startProvisioner,
  unschedulableDatabaseValues,
  type ProvisionerProcess,
} from './provisioner-process.js';

const run = promisify(execFile);
const { core, env: adminEnv } = adminKube(inject('kubeconfig'));

let apiProcess: ProvisionerProcess;
let worker: ProvisionerProcess;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'store_cancel');
  const env = {
    DATABASE_URL: databaseUrl,
    STORE_VALUES_FILES: await unschedulableDatabaseValues('store-cancel'),
    // Helm would wait 7 minutes (70%): only a cancel ends the install within the test.
    OPERATION_TIMEOUT_SECONDS: '600',
  };
  apiProcess = await startProvisioner({ ...env, ROLE: 'api' });
  worker = await startProvisioner({ ...env, ROLE: 'worker' });
  api = apiProcess.api;
});
afterAll(async () => {
  await worker?.stop();
  await apiProcess?.stop();
});

const namespaceExists = async (name: string) =>
  core.readNamespace({ name }).then(
    () => true,
    (error: unknown) =>
      error instanceof k8s.ApiException && error.code === 404 ? false : Promise.reject(error),
  );

async function helmReleases(namespace: string): Promise<string[]> {
  const tools = await resolveTools();
  const { stdout } = await run(tools.helm, ['list', '-n', namespace, '--all', '-q'], { env: adminEnv });
  return stdout.split('\n').filter(Boolean);
}

const installStep = (store: StoreView) => store.operation?.steps.find((s) => s.name === 'install');

describe('cancel', () => {
  it('shows why the install waits and when it gives up, and a cancel stops it and removes the store’s objects', async () => {
    const created = await api.call('POST', '/stores', {
      body: { name: 'slow-shop', engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status).toBe(202);

    // The worker writes what the scheduler says about the database pod into the running step.
    const waiting = await waitFor(
      'the install step to show the pending database',
      async () => {
        const store = (await api.store('slow-shop')).body as unknown as StoreView;
        const step = installStep(store);
        // No node has the CPU the database asks for: the worker says so from its requests and the nodes, whatever
        // the scheduler said first (often that the claim is not bound yet).
        const said = step?.events?.some((e) => e.startsWith('Database pod cannot be scheduled: '));
        if (step?.status !== 'running' || !said) throw new Error(JSON.stringify(step));
        return { store, step };
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(waiting.step.events?.length).toBeLessThanOrEqual(5);
    // The deadline is helm's --wait: 70% of OPERATION_TIMEOUT_SECONDS from the step's start.
    const deadline = new Date(waiting.step.deadline ?? '').getTime();
    expect(deadline - new Date(waiting.step.startedAt ?? '').getTime()).toBeCloseTo(420_000, -3);

    const start = performance.now();
    const cancelled = await api.call('POST', '/stores/slow-shop/cancel');
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(202);
    expect(cancelled.body.operation).toMatchObject({ kind: 'create', cancelRequestedBy: 'admin' });
    // Asking twice changes nothing: the first asker stays.
    expect((await api.call('POST', '/stores/slow-shop/cancel')).status).toBe(202);

    const failed = await api.waitForStatus('slow-shop', 'failed', 90_000);
    const seconds = (performance.now() - start) / 1000;
    expect(failed.operation?.error).toMatchObject({
      step: 'install',
      headline: 'Cancelled by admin',
      cause: 'cancelled',
    });
    expect(failed.reason).toBe(
      'Install store (Helm): cancelled by admin. Everything created for the store was removed; retry or delete it.',
    );
    expect(installStep(failed)).toMatchObject({ status: 'failed', message: 'cancelled by admin' });
    // Cleaned up: no namespace, no release (not even a pending one left by the stopped helm).
    expect(await namespaceExists('store-slow-shop')).toBe(false);
    expect(await helmReleases('store-slow-shop')).toEqual([]);
    // Well before helm's own 7 minutes: the worker saw the cancel within seconds and stopped waiting.
    expect(seconds).toBeLessThan(60);

    const activity = await api.call('GET', '/activity?store=slow-shop');
    const entries = (activity.body.items as { action: string; result: string; actor: string }[]).map(
      (e) => `${e.actor} ${e.action} ${e.result}`,
    );
    expect(entries).toEqual(expect.arrayContaining(['admin cancel accepted', 'admin create failed']));
  });

  it('is refused with words when nothing runs, for a delete, for a viewer, and for a store that does not exist', async () => {
    const nothing = await api.call('POST', '/stores/slow-shop/cancel');
    expect(nothing.status).toBe(409);
    expect(nothing.body.message).toBe('nothing runs on store "slow-shop": there is nothing to cancel');

    // With the worker stopped, the delete stays queued: what runs is a delete.
    await worker.stop();
    expect((await api.call('DELETE', '/stores/slow-shop')).status).toBe(202);
    const deleting = await api.call('POST', '/stores/slow-shop/cancel');
    expect(deleting.status).toBe(409);
    expect(deleting.body.message).toBe(
      'a delete cannot be cancelled: stopping it half way would leave the store in neither state; wait for it to end',
    );

    const password = 'viewer-password-1';
    const user = await api.call('POST', '/auth/users', {
      body: { username: 'vic', password, role: 'viewer' },
    });
    expect(user.status).toBe(201);
    const viewer = apiClient(apiProcess.url, await apiClient(apiProcess.url).tokenFor('vic', password));
    expect((await viewer.call('POST', '/stores/slow-shop/cancel')).status).toBe(403);

    expect((await api.call('POST', '/stores/no-such-shop/cancel')).status).toBe(404);
  });
});
