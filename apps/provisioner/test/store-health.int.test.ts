/**
 * Store health and Repair through the API: the provisioner as a process (src/main.ts, API and worker, health
 * checks every second) against the run's real PostgreSQL, the local control plane (etcd, kube-apiserver,
 * controllers, kwok) and the pinned helm. A pod is made unready by writing its status (the status subresource, as
 * a kubelet would: kwok's stages move only Pending pods to Running, so they leave it as written), and a store's
 * namespace is deleted by hand.
 */
import type * as k8s from '@kubernetes/client-node';
import type { StoreView } from '@store-platform/contracts';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { openStream } from './event-stream.js';
import { appPod as appPodIn, crashLooping, writeStatus as writeStatusIn } from './pod-status.js';
import { useProvisioner } from './provisioner-process.js';

const intervalSeconds = 1;
const provisioner = useProvisioner('health', { HEALTH_INTERVAL_SECONDS: String(intervalSeconds) });
const { core } = adminKube(inject('kubeconfig'));
const appPod = (store: string) => appPodIn(core, store);
const writeStatus = (pod: k8s.V1Pod, status: k8s.V1PodStatus) => writeStatusIn(core, pod, status);

type Health = NonNullable<StoreView['health']>;

/** Waits until the store's recorded health satisfies `holds`; fails with the last health seen. */
const waitForHealth = (store: string, what: string, holds: (health: Health) => boolean, timeoutMs = 30_000) =>
  waitFor(
    `store ${store} to be ${what}`,
    async () => {
      const { body } = await provisioner().api.call('GET', `/stores/${store}`);
      const health = (body as unknown as StoreView).health;
      if (!health || !holds(health)) throw new Error(`store ${store}: health ${JSON.stringify(health)}`);
      return health;
    },
    { timeoutMs, intervalMs: 250 },
  );

const codes = (health: Health) => health.reasons.map((r) => r.code);

async function healthLog(store: string): Promise<string[]> {
  const { body } = await provisioner().api.call('GET', `/activity?store=${store}&action=health`);
  const items = body.items as { actor: string; detail: string }[];
  return items.map((e) => `${e.actor}: ${e.detail}`).reverse();
}

describe('store health, observed by the worker', () => {
  it('sees a crash-looping app pod, its recovery, a namespace deleted by hand, and Repair bringing it back', async () => {
    const { api } = provisioner();
    expect(
      (
        await api.call('POST', '/stores', {
          body: { name: 'health-a', engine: 'woocommerce', plan: 'basic' },
        })
      ).status,
    ).toBe(202);
    const running = await api.waitForStatus('health-a', 'running');
    const healthy = await waitForHealth('health-a', 'healthy', (h) => h.state === 'healthy');
    expect(healthy.reasons).toEqual([]);
    // A health check is no edit: the version (the ETag for If-Match) stays.
    expect((await api.store('health-a')).body.version).toBe(running.version);

    const token = await apiClient(provisioner().url).tokenFor('admin', provisioner().adminPassword);
    const stream = await openStream(provisioner().url, { authorization: `Bearer ${token}` });

    // The app pod crash-loops: within two intervals the store is down, and the reason names the pod.
    const pod = await appPod('health-a');
    const serving = pod.status ?? {};
    const broken = Date.now();
    await writeStatus(pod, crashLooping(serving));
    const down = await waitForHealth('health-a', 'down: app_not_ready', (h) =>
      codes(h).includes('app_not_ready'),
    );
    const noticed = Date.now() - broken;
    console.log(
      `health-a seen down ${noticed} ms after its app pod crash-looped (interval ${intervalSeconds} s)`,
    );
    // Two intervals, and the API's poll of 250 ms with a little slack for a busy machine.
    expect(noticed).toBeLessThan(2 * intervalSeconds * 1000 + 3000);
    expect(down.state).toBe('down');
    expect(down.reasons[0]?.message).toBe(
      `0 of 1 app pods ready (health-a-app; not ready: ${pod.metadata?.name}): CrashLoopBackOff`,
    );

    // The event stream carried the change (the dashboard updates without asking).
    await waitFor(
      'the event stream to carry health-a down',
      async () =>
        stream.events.some((e) => {
          const store = e.data as unknown as StoreView;
          return e.event === 'store' && store.name === 'health-a' && store.health?.state === 'down';
        }) || undefined,
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    stream.abort();

    // It recovers: healthy again.
    await writeStatus(pod, serving);
    await waitForHealth('health-a', 'healthy again', (h) => h.state === 'healthy');

    // Its namespace is deleted behind the platform's back: down, namespace_missing; the store stays Running.
    await core.deleteNamespace({ name: 'store-health-a' });
    const missing = await waitForHealth('health-a', 'down: namespace_missing', (h) =>
      codes(h).includes('namespace_missing'),
    );
    expect(missing.state).toBe('down');
    expect((await api.store('health-a')).body.status).toBe('running');

    // Repair installs it again: a recorded operation whose steps say what drifted and what was made again.
    const repairStarted = Date.now();
    const repair = await api.call('POST', '/stores/health-a/repair');
    expect(repair.status).toBe(202);
    expect(repair.body).toMatchObject({ status: 'updating', operation: { kind: 'repair' } });
    const repaired = await api.waitForStatus('health-a', 'running', 180_000);
    expect(repaired.operation).toMatchObject({ kind: 'repair', phase: 'succeeded' });
    const steps = repaired.operation?.steps ?? [];
    expect(steps.map((s) => [s.name, s.status])).toEqual([
      ['inspect', 'done'],
      ['namespace', 'done'],
      ['secrets', 'done'],
      ['install', 'done'],
      ['setup', 'done'],
      ['storefront', 'skipped'],
    ]);
    expect(steps[0]?.message).toContain('namespace store-health-a is missing');
    expect(steps[2]?.message).toContain('a fresh, empty shop is installed');
    await waitForHealth('health-a', 'healthy after the repair', (h) => h.state === 'healthy');
    console.log(
      `health-a repaired and healthy ${((Date.now() - repairStarted) / 1000).toFixed(1)} s after POST repair`,
    );

    // Each change of health is in the activity log, by the platform.
    expect(await healthLog('health-a')).toEqual([
      expect.stringMatching(/^platform: health: healthy -> down: app_not_ready 0 of 1 app pods ready/),
      'platform: health: down -> healthy',
      expect.stringMatching(/^platform: health: healthy -> down: namespace_missing namespace store-health-a/),
      'platform: health: down -> healthy',
    ]);
    const repairs = await api.call('GET', '/activity?store=health-a&action=repair');
    expect((repairs.body.items as { result: string }[]).map((e) => e.result)).toEqual([
      'succeeded',
      'accepted',
    ]);

    // And /metrics has the store's current state.
    const metrics = await (await fetch(`${provisioner().url}/metrics`)).text();
    expect(metrics).toContain('store_health{store="health-a",state="healthy"} 1');
    expect(metrics).toContain('store_health{store="health-a",state="down"} 0');
    expect(metrics).toMatch(/store_health_check_duration_seconds_count \d+/);
  });

  it('refuses Repair to a viewer, and to a store that is not Running', async () => {
    const { api, url } = provisioner();
    const created = await api.call('POST', '/auth/users', {
      body: { username: 'vic', password: 'viewer-password-1', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    const viewer = apiClient(url, await apiClient(url).tokenFor('vic', 'viewer-password-1'));
    const refused = await viewer.call('POST', '/stores/health-b/repair');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('your role (viewer) may not do this; it needs operator or above');

    expect(
      (
        await api.call('POST', '/stores', {
          body: { name: 'health-b', engine: 'woocommerce', plan: 'basic' },
        })
      ).status,
    ).toBe(202);
    const busy = await api.call('POST', '/stores/health-b/repair');
    expect(busy.status).toBe(409);
    await api.waitForStatus('health-b', 'running');
    const stale = await api.call('POST', '/stores/health-b/repair', { headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_mismatch');
  });

  it('publishes Repair in the OpenAPI document, answering the store with its health', async () => {
    const { body } = await apiClient(provisioner().url).call('GET', '/openapi.json');
    const paths = body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    const repair = paths['/stores/{name}/repair']?.post;
    expect(Object.keys(repair?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '403', '404', '409']),
    );
    expect(JSON.stringify(repair?.responses['202'])).toContain('namespace_missing');
  });
});
