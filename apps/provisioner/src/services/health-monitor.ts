import { setTimeout as delay } from 'node:timers/promises';

import type { HealthReason } from '@store-platform/contracts';

import type { Settings } from '../config/settings.js';
import {
  assessHealth,
  healthChange,
  unobservable,
  type HealthObservation,
  type ObservedStore,
} from '../domain/health.js';
import { namespaceOf, releaseOf } from '../domain/naming.js';
import type { Store } from '../domain/store.js';
import type { KubeClient } from '../ports/kube-client.js';
import type { Metrics } from '../ports/metrics.js';
import type { OperationLock } from '../ports/operation-lock.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { storefrontCheckOff, storefrontUrl } from './provisioning/create-flow.js';

/** What the health monitor uses. */
export interface HealthMonitorDeps {
  repository: StoreRepository;
  kube: KubeClient;
  /** One replica checks at a time: the others skip the cycle. */
  lock: OperationLock;
  metrics: Metrics;
  settings: Pick<Settings, 'HEALTH_INTERVAL_SECONDS' | 'STOREFRONT_CHECK' | 'PLATFORM_INSTANCE'>;
  /** GET a URL; resolves with the HTTP status. */
  httpStatus: (url: string) => Promise<number>;
  now: () => Date;
  /** Waits `ms`, or rejects once `signal` aborts (unit tests move a fake clock instead). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  log: (message: string, fields: Record<string, unknown>) => void;
}

const lockKey = 'store-health-monitor';
/**
 * The share of the interval the per-store reads are spread over: at 200 stores and 30 s, one store every 120 ms,
 * so that the checks never queue ahead of the API's or the provisioning's requests; the rest is slack for slow
 * answers before the next cycle.
 */
const spreadShare = 0.8;
const sameReasons = (a: HealthReason[], b: HealthReason[]) =>
  a.length === b.length && a.every((r, i) => r.code === b[i]?.code && r.message === b[i]?.message);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Checks every Running store's health on an interval and records it (services/health-monitor.ts in
 * docs/architecture.md): one cluster-wide list per kind for all stores, then per store its release status and
 * (when on) a GET of its storefront, spread over the interval. A store an operation is running on is not checked:
 * the operation reports on it.
 */
export class HealthMonitor {
  private readonly aborts = new AbortController();
  /** Stores with a `store_health` series, to remove it once the store is gone. */
  private readonly reported = new Set<string>();

  constructor(private readonly deps: HealthMonitorDeps) {}

  /** Runs one cycle when this replica gets the lock; resolves with the number of stores checked, or undefined. */
  async runCycle(): Promise<number | undefined> {
    let checked: number | undefined;
    await this.deps.lock.tryRun(lockKey, async () => {
      checked = await this.cycle();
    });
    return checked;
  }

  /** Starts a cycle every interval (from one start to the next); the returned function stops it. */
  start(): () => Promise<void> {
    const intervalMs = this.deps.settings.HEALTH_INTERVAL_SECONDS * 1000;
    const loop = (async () => {
      while (!this.aborts.signal.aborted) {
        const started = this.deps.now().getTime();
        await this.runCycle().catch((error: unknown) => {
          if (!this.aborts.signal.aborted) this.deps.log('health check cycle failed', { err: error });
        });
        const left = started + intervalMs - this.deps.now().getTime();
        await this.sleep(Math.max(left, 0)).catch(() => undefined);
      }
    })();
    return async () => {
      this.aborts.abort();
      await loop;
    };
  }

  private sleep(ms: number): Promise<void> {
    const sleep = this.deps.sleep ?? ((wait, signal) => delay(wait, undefined, { signal }));
    return sleep(ms, this.aborts.signal);
  }

  private async cycle(): Promise<number> {
    const started = this.deps.now().getTime();
    const stores = (await this.deps.repository.listStores({})).map((s) => s.store);
    this.forgetGone(stores);
    const running = stores.filter((s) => s.status === 'running' && !s.currentOperationId);
    // The work itself, without the waits that spread it: what a cycle costs the API server and the database.
    let busyMs = -this.deps.now().getTime();
    const observed = await this.deps.kube
      .observeStores(this.deps.settings.PLATFORM_INSTANCE)
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    const gapMs = running.length
      ? (this.deps.settings.HEALTH_INTERVAL_SECONDS * 1000 * spreadShare) / running.length
      : 0;
    for (const [i, store] of running.entries()) {
      const wait = started + i * gapMs - this.deps.now().getTime();
      busyMs += this.deps.now().getTime();
      if (wait > 0) await this.sleep(wait);
      busyMs -= this.deps.now().getTime();
      await this.check(store, observed);
    }
    busyMs += this.deps.now().getTime();
    const seconds = (this.deps.now().getTime() - started) / 1000;
    this.deps.metrics.healthCycleFinished({ seconds, busySeconds: busyMs / 1000, stores: running.length });
    return running.length;
  }

  private async check(store: Store, observed: Map<string, ObservedStore> | Error): Promise<void> {
    let assessed: ReturnType<typeof assessHealth>;
    try {
      if (observed instanceof Error) throw observed;
      assessed = assessHealth(await this.observation(store, observed.get(namespaceOf(store.name))));
    } catch (error) {
      assessed = unobservable(message(error));
    }
    const detail = healthChange(store.health, assessed);
    const change =
      detail === undefined
        ? undefined
        : {
            actor: 'platform',
            action: 'health',
            store: store.name,
            result: assessed.state === 'healthy' ? ('succeeded' as const) : ('failed' as const),
            detail,
          };
    const health = { ...assessed, checkedAt: this.deps.now() };
    // The event stream carries a store when what its health says changed (a count in a reason too), not its time.
    const same =
      store.health?.state === assessed.state && sameReasons(store.health.reasons, assessed.reasons);
    const recorded = await this.deps.repository.recordHealth(store.name, health, { change, announce: !same });
    if (!recorded) return;
    this.reported.add(store.name);
    this.deps.metrics.storeHealth(store.name, assessed.state);
  }

  private async observation(store: Store, seen: ObservedStore | undefined): Promise<HealthObservation> {
    const namespace = namespaceOf(store.name);
    if (!seen) {
      const why = 'its namespace does not exist';
      return {
        namespace,
        namespaceExists: false,
        workloads: [],
        quota: [],
        storefront: { reachable: false, why },
      };
    }
    // A Running store whose namespace has no release lost it behind the platform's back: Repair installs it again.
    const releaseStatus = (await this.deps.kube.releaseStatus(namespace, releaseOf(store.name))) ?? 'missing';
    return {
      namespace,
      namespaceExists: true,
      releaseStatus,
      ...seen,
      storefront: await this.storefront(store),
    };
  }

  private async storefront(store: Store): Promise<HealthObservation['storefront']> {
    if (!this.deps.settings.STOREFRONT_CHECK) return { reachable: false, why: storefrontCheckOff };
    const url = storefrontUrl(store);
    try {
      return { reachable: true, url, status: await this.deps.httpStatus(url) };
    } catch (error) {
      return { reachable: true, url, error: `did not answer (${message(error)})` };
    }
  }

  /** Removes the health series of stores that are gone, failed or being deleted (no longer checked). */
  private forgetGone(stores: Store[]): void {
    const kept = new Set(
      stores.filter((s) => s.status === 'running' || s.status === 'updating').map((s) => s.name),
    );
    for (const name of this.reported) {
      if (kept.has(name)) continue;
      this.deps.metrics.forgetStore(name);
      this.reported.delete(name);
    }
  }
}
