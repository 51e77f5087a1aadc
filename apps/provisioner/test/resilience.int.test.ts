/**
 * Resilience of the provisioner as a process (src/main.ts) against the run's PostgreSQL and local control plane:
 * a worker that dies in the middle of a create, and twenty stores asked for at once. Each test has its own
 * database, so that no other provisioner (of this file or another) takes its jobs.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

import type { StoreView } from '@store-platform/contracts';
import { adminKube, resolveTools, waitFor } from '@store-platform/test-cluster';
import { describe, expect, inject, it } from 'vitest';

import type { apiClient } from './api-client.js';
import {
  createDatabase,
  failingJobsValues,
  startProvisioner,
  type ProvisionerProcess,
} from './provisioner-process.js';

const run = promisify(execFile);
const { core, env: adminEnv } = adminKube(inject('kubeconfig'));

const secondsSince = (start: number) => (performance.now() - start) / 1000;

/** The namespaces of `stores` that exist now. */
async function namespacesOf(stores: string[]): Promise<string[]> {
  const { items } = await core.listNamespace({ labelSelector: 'app.kubernetes.io/part-of=store-platform' });
  const wanted = new Set(stores.map((s) => `store-${s}`));
  return items.map((n) => n.metadata?.name ?? '').filter((name) => wanted.has(name));
}

/** The Helm releases of `stores`, in any namespace and any state (pending and failed too): "namespace/name status". */
async function releasesOf(stores: string[]): Promise<string[]> {
  const tools = await resolveTools();
  const { stdout } = await run(tools.helm, ['list', '--all-namespaces', '--all', '-o', 'json'], {
    env: adminEnv,
  });
  const wanted = new Set(stores.map((s) => `store-${s}`));
  return (JSON.parse(stdout) as { name: string; namespace: string; status: string }[])
    .filter((r) => wanted.has(r.name))
    .map((r) => `${r.namespace}/${r.name} ${r.status}`);
}

/**
 * A crash as Kubernetes has it: when the provisioner's container dies, every process in it dies, so the helm it
 * runs dies too (killing only the node process would leave helm running, orphaned, which a pod cannot). The node
 * process goes first, so that it never sees its helm fail and starts rolling back.
 */
async function crash(provisioner: ProvisionerProcess): Promise<void> {
  // Mid-install, helm is running (it waits for the hook), so there is a child to find.
  const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(provisioner.child.pid)]);
  const exited = provisioner.kill();
  for (const pid of stdout.split('\n').map(Number).filter(Boolean)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  await exited;
}

/**
 * Starts a provisioner, asks it for store `name`, and resolves once its install is in the middle: the install
 * step runs, Helm's release is pending-install, and the setup hook Job's pod mounts the uploads claim. On kwok
 * that hook finishes at once, while in a real cluster it runs for a minute (the likeliest moment for a crash):
 * this provisioner's hook pods fail and are retried (a kwok stage, on request), which keeps the hook running.
 */
async function provisionerMidInstall(env: Record<string, string>, name: string) {
  const values = await failingJobsValues('slow-setup', 6);
  const provisioner = await startProvisioner({ ...env, STORE_VALUES_FILES: values });
  try {
    const api = provisioner.api;
    const body = { name, engine: 'woocommerce', plan: 'basic' };
    expect((await api.call('POST', '/stores', { body })).status).toBe(202);
    await waitFor(
      `store ${name} to be in the middle of its install`,
      async () => {
        const { body: store } = await api.call('GET', `/stores/${name}`);
        const steps = (store as unknown as StoreView).operation?.steps ?? [];
        if (steps.find((s) => s.name === 'install')?.status !== 'running') return undefined;
        const { items } = await core.listNamespacedPod({
          namespace: `store-${name}`,
          labelSelector: `job-name=${name}-setup`,
        });
        return items.length > 0 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(await releasesOf([name])).toEqual([`store-${name}/store-${name} pending-install`]);
    return provisioner;
  } catch (error) {
    await provisioner.stop();
    throw error;
  }
}

/** Waits until the store has ended its operation, running or failed; a timeout tells the store's last state. */
async function settled(api: ReturnType<typeof apiClient>, name: string): Promise<StoreView> {
  let last: unknown;
  return waitFor(
    `store ${name} to end running or failed`,
    async () => {
      const { body } = await api.call('GET', `/stores/${name}`);
      last = body;
      return body.status === 'running' || body.status === 'failed'
        ? (body as unknown as StoreView)
        : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 250 },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; last state: ${JSON.stringify(last)}`);
  });
}

/** Running with exactly its release and namespace, and nothing else of it anywhere; then deleted without a trace. */
async function expectRunningThenDeleted(api: ReturnType<typeof apiClient>, store: StoreView) {
  expect([store.status, store.reason]).toEqual(['running', null]);
  expect(await releasesOf([store.name])).toEqual([`store-${store.name}/store-${store.name} deployed`]);
  expect(await namespacesOf([store.name])).toEqual([`store-${store.name}`]);
  expect((await api.call('DELETE', `/stores/${store.name}`)).status).toBe(202);
  await api.waitForGone(store.name);
  expect(await namespacesOf([store.name])).toEqual([]);
  expect(await releasesOf([store.name])).toEqual([]);
}

// Each on its own database and store, so they run side by side: the second waits out most of a resume period.
describe.concurrent('a worker killed in the middle of a create', () => {
  it('is finished by the provisioner started after it, leaving nothing behind', async () => {
    const env = {
      DATABASE_URL: await createDatabase(inject('databaseUrl'), 'resilience_restart'),
    };
    const first = await provisionerMidInstall(env, 'phoenix');
    await crash(first);
    const killed = performance.now();

    // The same database: its admin already exists, with the first process's password.
    const next = await startProvisioner({ ...env, PLATFORM_ADMIN_PASSWORD: first.adminPassword });
    const api = next.api;
    try {
      const store = await settled(api, 'phoenix');
      const seconds = secondsSince(killed);
      console.log(`store phoenix ${store.status} ${seconds.toFixed(1)} s after its worker was killed`);
      // The new worker resumes at start; it must not wait for the dead worker's queue job to expire (600 s).
      expect(seconds).toBeLessThan(60);
      expect(store.operation?.steps.find((s) => s.name === 'preflight')?.message).toContain(
        'removed what an interrupted install had left',
      );
      await expectRunningThenDeleted(api, store);
    } finally {
      await next.stop();
    }
  });

  it('is taken over by a replica that was already running, once its heartbeat is old', async () => {
    const env = {
      DATABASE_URL: await createDatabase(inject('databaseUrl'), 'resilience_replica'),
    };
    const doomed = await provisionerMidInstall(env, 'firebird');
    // Started while the other one holds the store's lock, so its start-up resume leaves the operation alone.
    const survivor = await startProvisioner({
      ...env,
      PLATFORM_ADMIN_PASSWORD: doomed.adminPassword,
    }).catch(async (error: unknown) => {
      await doomed.kill();
      throw error;
    });
    const api = survivor.api;
    try {
      await crash(doomed);
      const killed = performance.now();
      const store = await settled(api, 'firebird');
      const seconds = secondsSince(killed);
      console.log(`store firebird ${store.status} ${seconds.toFixed(1)} s after its worker was killed`);
      expect(survivor.output()).toContain('resuming an operation left by a stopped worker');
      // 20 s until its heartbeat counts as old, up to one 10 s resume period until the survivor notices, then
      // the install again.
      expect(seconds).toBeLessThan(60);
      await expectRunningThenDeleted(api, store);
    } finally {
      await survivor.stop();
    }
  });
});

/** A value of the provisioner's /metrics (the first series of that name). */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1];
  if (value === undefined) throw new Error(`/metrics has no ${name}`);
  return Number(value);
}

describe('twenty stores at once', () => {
  const names = Array.from({ length: 20 }, (_, i) => `crowd-${String(i + 1).padStart(2, '0')}`);

  // Its waits (up to 150 s for the creates, then 120 s for the deletes) add up to more than the 180 s default.
  it('accepts them at once, stays responsive while they run, and deletes them all', async () => {
    const provisioner = await startProvisioner({
      DATABASE_URL: await createDatabase(inject('databaseUrl'), 'resilience_crowd'),
      HEALTH_INTERVAL_SECONDS: '2',
    });
    const api = provisioner.api;
    try {
      const start = performance.now();
      const posts = await Promise.all(
        names.map(async (name) => {
          const sent = performance.now();
          const { status } = await api.call('POST', '/stores', {
            body: { name, engine: 'woocommerce', plan: 'basic' },
          });
          return { name, status, ms: performance.now() - sent };
        }),
      );
      const slowestPost = Math.max(...posts.map((p) => p.ms));
      console.log(`20 POSTs answered; the slowest in ${slowestPost.toFixed(0)} ms`);
      expect(posts.filter((p) => p.status !== 202)).toEqual([]);
      expect(slowestPost).toBeLessThan(1000);

      // While the operations run, every poll also times the list and the readiness probe.
      const samples: { list: number; ready: number; readyStatus: number }[] = [];
      const stores = await waitFor(
        'all twenty stores to end provisioning',
        async () => {
          const listSent = performance.now();
          const { body } = await api.call('GET', '/stores');
          const list = performance.now() - listSent;
          const readySent = performance.now();
          const { status: readyStatus } = await fetch(`${provisioner.url}/health/ready`);
          const ready = performance.now() - readySent;
          const ours = (body.items as StoreView[]).filter((s) => names.includes(s.name));
          if (ours.length === 20 && ours.every((s) => s.status !== 'provisioning')) return ours;
          samples.push({ list, ready, readyStatus });
          return undefined;
        },
        { timeoutMs: 150_000, intervalMs: 1000 },
      );
      const slowest = (key: 'list' | 'ready') => Math.max(...samples.map((s) => s[key]));
      // Pre-flight compares the plan's quota (1.5 CPU, 3 GiB) with what the nodes have free: the least it saw.
      const leastFree = stores
        .map((s) => s.operation?.steps.find((step) => step.name === 'preflight')?.message ?? '')
        .map((message) => /capacity: ([\d.]+ CPU and [\d.]+ GiB) free/.exec(message)?.[1] ?? message)
        .sort((a, b) => parseFloat(a) - parseFloat(b))[0];
      console.log(
        `all 20 stores ended provisioning ${secondsSince(start).toFixed(1)} s after the POSTs; meanwhile ` +
          `GET /stores took at most ${slowest('list').toFixed(0)} ms and GET /health/ready at most ` +
          `${slowest('ready').toFixed(0)} ms (${samples.length} samples); pre-flight saw ${leastFree} free at the least`,
      );
      expect(stores.filter((s) => s.status !== 'running').map((s) => `${s.name}: ${s.reason}`)).toEqual([]);
      expect(samples.length).toBeGreaterThanOrEqual(5);
      expect(samples.filter((s) => s.readyStatus !== 200)).toEqual([]);
      expect(Math.max(slowest('list'), slowest('ready'))).toBeLessThan(1000);
      expect(await releasesOf(names)).toHaveLength(20);

      // Health checks every 2 s over the twenty: two whole cycles find all of them healthy, and the API stays quick
      // while they run. What a cycle costs is its work, without the waits that spread it over the interval.
      const cyclesAtStart = await metric(provisioner.url, 'store_health_check_busy_seconds_count');
      const busyAtStart = await metric(provisioner.url, 'store_health_check_busy_seconds_sum');
      const listTimes: number[] = [];
      await waitFor(
        'two health cycles over the twenty stores, all healthy',
        async () => {
          const sent = performance.now();
          const { body } = await api.call('GET', '/stores');
          listTimes.push(performance.now() - sent);
          const ours = (body.items as StoreView[]).filter((s) => names.includes(s.name));
          const cycles = await metric(provisioner.url, 'store_health_check_busy_seconds_count');
          return cycles >= cyclesAtStart + 2 && ours.every((s) => s.health?.state === 'healthy')
            ? true
            : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      const busy = (await metric(provisioner.url, 'store_health_check_busy_seconds_sum')) - busyAtStart;
      const cycles = (await metric(provisioner.url, 'store_health_check_busy_seconds_count')) - cyclesAtStart;
      console.log(
        `health: ${cycles} cycles over the 20 running stores, ${((busy / cycles) * 1000).toFixed(0)} ms of work ` +
          `each on average; GET /stores took at most ${Math.max(...listTimes).toFixed(0)} ms meanwhile ` +
          `(${listTimes.length} samples)`,
      );
      expect(await metric(provisioner.url, 'store_health_checked_stores')).toBe(20);
      expect(Math.max(...listTimes)).toBeLessThan(1000);

      const deleting = performance.now();
      const deletes = await Promise.all(names.map((name) => api.call('DELETE', `/stores/${name}`)));
      expect(deletes.map((d) => d.status)).toEqual(names.map(() => 202));
      await waitFor(
        'all twenty stores and their namespaces to be gone',
        async () => {
          const { body } = await api.call('GET', '/stores');
          if ((body.items as StoreView[]).some((s) => names.includes(s.name))) return undefined;
          return (await namespacesOf(names)).length === 0 ? true : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 1000 },
      );
      console.log(
        `all 20 stores and their namespaces gone ${secondsSince(deleting).toFixed(1)} s after the DELETEs`,
      );
      expect(await releasesOf(names)).toEqual([]);
    } finally {
      await provisioner.stop();
    }
  }, 360_000);
});
