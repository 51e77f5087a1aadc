import { describe, expect, it } from 'vitest';

import { InMemoryOperationLock } from '../../test/doubles/in-memory-operation-lock.js';
import { provisioningWorld } from '../../test/doubles/provisioning-world.js';
import { RecordingMetrics } from '../../test/doubles/recording-metrics.js';
import { ClusterError } from '../domain/errors.js';
import type { WorkloadObservation } from '../domain/health.js';
import { HealthMonitor, type HealthMonitorDeps } from './health-monitor.js';

const workload = (
  part: WorkloadObservation['part'],
  name: string,
  ready = 1,
  notReadyPods: string[] = [],
) => ({
  name,
  part,
  desired: 1,
  ready,
  recentRestarts: 0,
  waitingReasons: ready ? [] : ['CrashLoopBackOff'],
  notReadyPods,
});

/** A world of Running stores, each installed and serving, and a monitor checking them every 30 s. */
async function monitorWorld(names: string[], settings: Partial<HealthMonitorDeps['settings']> = {}) {
  const world = provisioningWorld();
  for (const name of names) {
    await world.newStore(name);
    Object.assign(world.repository.stores.get(name) ?? {}, { status: 'running', currentOperationId: null });
    world.installed(name);
    world.kube.releases.set(`store-${name}/store-${name}`, 'deployed');
    world.kube.observed.set(`store-${name}`, {
      workloads: [workload('app', `${name}-app`), workload('database', `${name}-db`)],
      quota: [{ resource: 'requests.memory', used: 2 ** 30, hard: 3 * 2 ** 30 }],
    });
  }
  const metrics = new RecordingMetrics();
  const lock = new InMemoryOperationLock();
  const asked: string[] = [];
  const storefrontAnswers = new Map<string, number>();
  const monitor = new HealthMonitor({
    repository: world.repository,
    kube: world.kube,
    lock,
    metrics,
    settings: {
      HEALTH_INTERVAL_SECONDS: 30,
      STOREFRONT_CHECK: false,
      PLATFORM_INSTANCE: 'store-platform',
      ...settings,
    },
    httpStatus: async (url) => {
      asked.push(url);
      return storefrontAnswers.get(url) ?? 200;
    },
    now: world.clock.now,
    sleep: async (ms) => world.clock.advance(ms),
    log: () => undefined,
  });
  const health = (name: string) => world.repository.stores.get(name)?.health;
  const healthLog = () => world.repository.activity.filter((e) => e.action === 'health');
  return { world, metrics, lock, monitor, asked, storefrontAnswers, health, healthLog };
}

describe('health monitor', () => {
  it('records a serving store as healthy, without a new version and without an activity entry', async () => {
    const { world, monitor, metrics, health, healthLog } = await monitorWorld(['shop']);
    const before = world.repository.stores.get('shop')?.version;

    expect(await monitor.runCycle()).toBe(1);

    expect(health('shop')).toEqual({ state: 'healthy', reasons: [], checkedAt: world.clock.now() });
    expect(world.repository.stores.get('shop')?.version).toBe(before);
    expect(healthLog()).toEqual([]);
    expect(metrics.health.get('shop')).toBe('healthy');
  });

  it('says which app pod is not ready, and logs each change of health once', async () => {
    const { world, monitor, health, healthLog } = await monitorWorld(['shop']);
    await monitor.runCycle();
    world.kube.observed.set('store-shop', {
      workloads: [workload('app', 'shop-app', 0, ['shop-app-5f7-abc']), workload('database', 'shop-db')],
      quota: [],
    });
    await monitor.runCycle();
    await monitor.runCycle();

    expect(health('shop')).toMatchObject({
      state: 'down',
      reasons: [
        {
          code: 'app_not_ready',
          message: '0 of 1 app pods ready (shop-app; not ready: shop-app-5f7-abc): CrashLoopBackOff',
        },
      ],
    });
    world.kube.observed.set('store-shop', { workloads: [workload('app', 'shop-app')], quota: [] });
    await monitor.runCycle();

    // Announced on the first check, on each change, and not on a check that only moves the time.
    expect(world.repository.announced).toEqual(['shop', 'shop', 'shop']);
    expect(healthLog().map((e) => [e.actor, e.result, e.detail])).toEqual([
      [
        'platform',
        'failed',
        'health: healthy -> down: app_not_ready 0 of 1 app pods ready (shop-app; not ready: shop-app-5f7-abc): CrashLoopBackOff',
      ],
      ['platform', 'succeeded', 'health: down -> healthy'],
    ]);
  });

  it("finds a namespace deleted behind the platform's back: down, namespace_missing", async () => {
    const { world, monitor, health } = await monitorWorld(['shop']);
    world.kube.namespaces.delete('store-shop');
    await monitor.runCycle();

    expect(health('shop')?.state).toBe('down');
    expect(health('shop')?.reasons.map((r) => r.code)).toEqual(['namespace_missing']);
  });

  it('does not check a store an operation runs on', async () => {
    const { world, monitor, health } = await monitorWorld(['shop', 'busy']);
    await world.repository.startOperation({ name: 'busy', kind: 'repair', actor: 'olivia' });

    expect(await monitor.runCycle()).toBe(1);
    expect(health('busy')).toBeNull();
    expect(world.kube.calls).not.toContain('releaseStatus store-busy');
  });

  it('lists the cluster once per cycle and spreads the per-store reads over the interval', async () => {
    const { world, monitor, metrics } = await monitorWorld(['a', 'b', 'c', 'd']);
    const started = world.clock.now().getTime();
    await monitor.runCycle();

    expect(world.kube.calls.filter((c) => c === 'observeStores')).toHaveLength(1);
    expect(world.kube.calls.filter((c) => c.startsWith('releaseStatus'))).toHaveLength(4);
    // 80% of 30 s over 4 stores: one every 6 s, the last at 18 s.
    expect(world.clock.now().getTime() - started).toBe(18_000);
    // Its work took no time on the fake clock: the waits that spread it are not counted as work.
    expect(metrics.cycles).toEqual([{ seconds: 18, busySeconds: 0, stores: 4 }]);
  });

  it('skips the cycle while another replica holds the lock', async () => {
    const { world, monitor, lock } = await monitorWorld(['shop']);
    lock.holdElsewhere('store-health-monitor');

    expect(await monitor.runCycle()).toBeUndefined();
    expect(world.kube.calls).not.toContain('observeStores');
  });

  it('GETs the storefront through its Service when the check is on, and a 502 is down', async () => {
    const { monitor, asked, storefrontAnswers, health } = await monitorWorld(['shop'], {
      STOREFRONT_CHECK: true,
    });
    storefrontAnswers.set('http://shop-app.store-shop.svc:8080/', 502);
    await monitor.runCycle();

    expect(asked).toEqual(['http://shop-app.store-shop.svc:8080/']);
    expect(health('shop')?.reasons).toEqual([
      {
        code: 'storefront_unreachable',
        message: 'GET http://shop-app.store-shop.svc:8080/ through the Service answered HTTP 502',
      },
    ]);
  });

  it('says the health is unknown, and why, when the cluster does not answer', async () => {
    const { world, monitor, health } = await monitorWorld(['shop']);
    world.kube.observeFailure = new ClusterError('unavailable', 'could not list the stores (ECONNREFUSED)');
    await monitor.runCycle();

    expect(health('shop')).toMatchObject({
      state: 'unknown',
      reasons: [
        {
          code: 'check_failed',
          message: 'the health check failed: could not list the stores (ECONNREFUSED)',
        },
      ],
    });
  });

  it("removes a deleted store's health series", async () => {
    const { world, monitor, metrics } = await monitorWorld(['shop', 'gone']);
    await monitor.runCycle();
    world.repository.stores.delete('gone');
    await monitor.runCycle();

    expect([...metrics.health.keys()]).toEqual(['shop']);
  });
});
