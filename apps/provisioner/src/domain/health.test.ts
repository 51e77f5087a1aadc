import { describe, expect, it } from 'vitest';

import { assessHealth, unobservable, type HealthObservation, type WorkloadObservation } from './health.js';

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
