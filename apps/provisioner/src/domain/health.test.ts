import { describe, expect, it } from 'vitest';

import {
  assessHealth,
  healthChange,
  unobservable,
  type HealthObservation,
  type WorkloadObservation,
} from './health.js';

const workload = (
  part: WorkloadObservation['part'],
  name: string,
  ready = 1,
  more: Partial<WorkloadObservation> = {},
) => ({
  name,
  part,
  desired: 1,
  ready,
  recentRestarts: 0,
  waitingReasons: [],
  ...more,
});

/** A WooCommerce store that serves: app and database ready, release deployed, storefront 200, quota half used. */
const serving = (more: Partial<HealthObservation> = {}): HealthObservation => ({
  namespace: 'store-shop',
  namespaceExists: true,
  releaseStatus: 'deployed',
  workloads: [workload('app', 'shop-app'), workload('database', 'shop-db')],
  storefront: { reachable: true, url: 'http://shop-app.store-shop.svc:8080/', status: 200 },
  certificate: { name: 'shop-tls', ready: true },
  quota: [{ resource: 'requests.memory', used: 1.5 * 2 ** 30, hard: 3 * 2 ** 30 }],
  ...more,
});

describe('assessHealth', () => {
  it('calls a serving store healthy, with no reasons', () => {
    expect(assessHealth(serving())).toEqual({ state: 'healthy', reasons: [] });
  });

  it('calls a store whose namespace was deleted by hand down, and says Repair brings it back', () => {
    expect(assessHealth(serving({ namespaceExists: false }))).toEqual({
      state: 'down',
      reasons: [
        {
          code: 'namespace_missing',
          message:
            'namespace store-shop no longer exists (deleted outside the platform); Repair installs the store again',
        },
      ],
    });
  });

  it('calls a store with no app pod ready down, naming why its containers wait', () => {
    const crashing = workload('app', 'shop-app', 0, {
      waitingReasons: ['CrashLoopBackOff'],
      recentRestarts: 4,
    });
    expect(assessHealth(serving({ workloads: [crashing, workload('database', 'shop-db')] }))).toEqual({
      state: 'down',
      reasons: [{ code: 'app_not_ready', message: '0 of 1 app pods ready (shop-app): CrashLoopBackOff' }],
    });
  });

  it('calls a store with one of two app replicas ready degraded, and its database not ready down', () => {
    const half = workload('app', 'shop-app', 1, { desired: 2 });
    expect(assessHealth(serving({ workloads: [half, workload('database', 'shop-db')] })).state).toBe(
      'degraded',
    );
    const noDb = assessHealth(
      serving({ workloads: [workload('app', 'shop-app'), workload('database', 'shop-db', 0)] }),
    );
    expect(noDb.state).toBe('down');
    expect(noDb.reasons.map((r) => r.code)).toEqual(['db_not_ready']);
  });

  it('calls a store whose storefront answers 502 through its Service down', () => {
    const storefront = { reachable: true as const, url: 'http://shop-app.store-shop.svc:8080/', status: 502 };
    expect(assessHealth(serving({ storefront })).reasons).toEqual([
      {
        code: 'storefront_unreachable',
        message: 'GET http://shop-app.store-shop.svc:8080/ through the Service answered HTTP 502',
      },
    ]);
  });

  it('does not hold a storefront it cannot reach against the store (the simulated cluster)', () => {
    const storefront = { reachable: false as const, why: 'no container runs on the simulated cluster' };
    expect(assessHealth(serving({ storefront })).state).toBe('healthy');
  });

  it('lists what needs attention while it serves: restarts, release, certificate, quota; most severe first', () => {
    const observed = assessHealth(
      serving({
        workloads: [
          workload('app', 'shop-app', 1, { recentRestarts: 5 }),
          workload('database', 'shop-db', 0),
        ],
        releaseStatus: 'failed',
        certificate: {
          name: 'shop-tls',
          ready: false,
          message: 'Issuing certificate as Secret does not exist',
        },
        quota: [{ resource: 'requests.memory', used: 2.76 * 2 ** 30, hard: 3 * 2 ** 30 }],
      }),
    );
    expect(observed.state).toBe('down');
    expect(observed.reasons).toEqual([
      { code: 'db_not_ready', message: '0 of 1 database pods ready (shop-db)' },
      { code: 'restarting', message: 'shop-app: 5 restarts in 10 minutes' },
      { code: 'release_failed', message: 'Helm release is failed; Repair installs it again' },
      {
        code: 'certificate_not_ready',
        message: 'certificate shop-tls is not ready: Issuing certificate as Secret does not exist',
      },
      { code: 'quota_near_limit', message: 'requests.memory 92% of the namespace quota (2.8Gi of 3.0Gi)' },
    ]);
  });

  it('says the health is unknown when the check itself failed, and why', () => {
    expect(unobservable('the Kubernetes API did not answer (ECONNREFUSED)')).toEqual({
      state: 'unknown',
      reasons: [
        {
          code: 'check_failed',
          message: 'the health check failed: the Kubernetes API did not answer (ECONNREFUSED)',
        },
      ],
    });
  });
});

describe('a workload with pods that are not ready', () => {
  it('names them, so that the reason says which pod to look at', () => {
    const app = workload('app', 'shop-app', 0, { notReadyPods: ['shop-app-7c9d-x2x'] });
    expect(assessHealth(serving({ workloads: [app, workload('database', 'shop-db')] })).reasons).toEqual([
      { code: 'app_not_ready', message: '0 of 1 app pods ready (shop-app; not ready: shop-app-7c9d-x2x)' },
    ]);
  });
});

describe('another workload than the app and the database (Medusa worker)', () => {
  it('is degraded when not ready: the shop serves, its background work waits', () => {
    const worker = workload('other', 'shop-worker', 0);
    const health = assessHealth(serving({ workloads: [workload('app', 'shop-app'), worker] }));
    expect(health).toEqual({
      state: 'degraded',
      reasons: [{ code: 'app_not_ready', message: '0 of 1 pods ready (shop-worker)' }],
    });
  });
});

describe('healthChange: what goes to the activity log', () => {
  const healthy = { state: 'healthy' as const, reasons: [] };
  const degraded = (message: string) => ({
    state: 'degraded' as const,
    reasons: [{ code: 'app_not_ready' as const, message }],
  });

  it('says a change of state with its reasons', () => {
    expect(healthChange(healthy, degraded('1 of 2 app pods ready (shop-app)'))).toBe(
      'health: healthy -> degraded: app_not_ready 1 of 2 app pods ready (shop-app)',
    );
    expect(healthChange(degraded('x'), healthy)).toBe('health: degraded -> healthy');
  });

  it('stays quiet while the state and the reasons codes stay the same, whatever their counts', () => {
    expect(healthChange(healthy, healthy)).toBeUndefined();
    expect(healthChange(degraded('1 of 2'), degraded('0 of 2'))).toBeUndefined();
  });

  it('says a new reason in the same state', () => {
    const two = {
      state: 'degraded' as const,
      reasons: [...degraded('1 of 2').reasons, { code: 'restarting' as const, message: '4 restarts' }],
    };
    expect(healthChange(degraded('1 of 2'), two)).toContain('restarting 4 restarts');
  });

  it('logs a first check only when it finds something wrong', () => {
    expect(healthChange(null, healthy)).toBeUndefined();
    expect(healthChange(null, degraded('0 of 1'))).toBe(
      'health: unchecked -> degraded: app_not_ready 0 of 1',
    );
  });
});
