import type { HealthReason, HealthState } from '@store-platform/contracts';

/** One Deployment or StatefulSet of a store as observed, by the part it plays. */
export interface WorkloadObservation {
  name: string;
  part: 'app' | 'database' | 'other';
  desired: number;
  ready: number;
  /** Container restarts of its pods within the observation window (10 minutes). */
  recentRestarts: number;
  /** Why its containers wait, when they do (CrashLoopBackOff, ImagePullBackOff...). */
  waitingReasons: string[];
  /** Its pods that are not ready, by name, so that a reason says which to look at. */
  notReadyPods?: string[];
}

/** What one health check saw of a store: cheap facts, read once per interval. */
export interface HealthObservation {
  namespace: string;
  namespaceExists: boolean;
  /** Its Helm release's status (deployed, failed, pending-upgrade...); undefined when there is none. */
  releaseStatus?: string;
  workloads: WorkloadObservation[];
  /** The storefront through its Service; `reachable: false` where the platform cannot reach Services, and why. */
  storefront:
    { reachable: false; why: string } | { reachable: true; url: string; status?: number; error?: string };
  /** The TLS Certificate where TLS is on. */
  certificate?: { name: string; ready: boolean; message?: string };
  /** Namespace quota usage, per resource (bytes, cores or counts). */
  quota: { resource: string; used: number; hard: number }[];
}

/** What one cluster-wide observation tells of a store's namespace; the rest is read per store. */
export type ObservedStore = Pick<HealthObservation, 'workloads' | 'certificate' | 'quota'>;

/** Restarts in the window that make a store worth a look even while it serves. */
export const restartsToReport = 3;
/** Quota usage that makes the next rollout or a busier day likely to fail. */
export const quotaNearLimit = 0.9;

const units = (resource: string, value: number) => {
  if (/memory|storage/.test(resource)) return `${(value / 2 ** 30).toFixed(1)}Gi`;
  if (/cpu/.test(resource)) return `${value.toFixed(1)} CPU`;
  return String(value);
};

const why = (w: WorkloadObservation) => (w.waitingReasons.length ? `: ${w.waitingReasons.join(', ')}` : '');
const which = (w: WorkloadObservation) =>
  w.notReadyPods?.length ? `; not ready: ${w.notReadyPods.join(', ')}` : '';

/**
 * The health of a Running store from what was observed: `down` when it cannot serve (its namespace is gone, no app
 * pod or not every database pod is ready, the storefront fails), `degraded` when it serves but something needs
 * attention, else `healthy`. Reasons come in that order of severity, each with what to look at.
 */
export function assessHealth(o: HealthObservation): { state: HealthState; reasons: HealthReason[] } {
  if (!o.namespaceExists) {
    const message = `namespace ${o.namespace} no longer exists (deleted outside the platform); Repair installs the store again`;
    return { state: 'down', reasons: [{ code: 'namespace_missing', message }] };
  }
  const down: HealthReason[] = [];
  const degraded: HealthReason[] = [];
  for (const w of o.workloads) {
    if (w.ready >= w.desired) continue;
    const kind = w.part === 'other' ? '' : `${w.part} `;
    const counted = `${w.ready} of ${w.desired} ${kind}pods ready (${w.name}${which(w)})${why(w)}`;
    if (w.part === 'database') down.push({ code: 'db_not_ready', message: counted });
    // Another workload (Medusa's worker) not ready leaves the shop serving, with work piling up.
    else
      (w.part === 'app' && w.ready === 0 ? down : degraded).push({ code: 'app_not_ready', message: counted });
  }
  if (o.storefront.reachable && (o.storefront.error || (o.storefront.status ?? 0) >= 400)) {
    const answer = o.storefront.error ?? `answered HTTP ${o.storefront.status}`;
    down.push({
      code: 'storefront_unreachable',
      message: `GET ${o.storefront.url} through the Service ${answer}`,
    });
  }
  for (const w of o.workloads) {
    if (w.recentRestarts >= restartsToReport && w.ready >= w.desired) {
      degraded.push({
        code: 'restarting',
        message: `${w.name}: ${w.recentRestarts} restarts in 10 minutes${why(w)}`,
      });
    }
  }
  if (o.releaseStatus !== undefined && o.releaseStatus !== 'deployed') {
    const message = `Helm release is ${o.releaseStatus}; Repair installs it again`;
    degraded.push({ code: 'release_failed', message });
  }
  if (o.certificate && !o.certificate.ready) {
    const message = `certificate ${o.certificate.name} is not ready${o.certificate.message ? `: ${o.certificate.message}` : ''}`;
    degraded.push({ code: 'certificate_not_ready', message });
  }
  for (const q of o.quota) {
    if (q.hard <= 0 || q.used / q.hard < quotaNearLimit) continue;
    const share = Math.round((q.used / q.hard) * 100);
    const message = `${q.resource} ${share}% of the namespace quota (${units(q.resource, q.used)} of ${units(q.resource, q.hard)})`;
    degraded.push({ code: 'quota_near_limit', message });
  }
  const state: HealthState = down.length ? 'down' : degraded.length ? 'degraded' : 'healthy';
  return { state, reasons: [...down, ...degraded] };
}

/** A store whose check itself failed (the API server did not answer): its health is not known, and why. */
export function unobservable(error: string): { state: HealthState; reasons: HealthReason[] } {
  return {
    state: 'unknown',
    reasons: [{ code: 'check_failed', message: `the health check failed: ${error}` }],
  };
}

/** The previous health's state, or `unchecked` before the first check. */
const stateOf = (health: { state: HealthState } | null) => health?.state ?? 'unchecked';
const codesOf = (health: { reasons: HealthReason[] } | null) =>
  [...new Set((health?.reasons ?? []).map((r) => r.code))].sort().join(',');

/**
 * The activity log's line for a change of health ("health: healthy -> degraded: app_not_ready 0 of 1 ..."), or
 * undefined when nothing an operator acts on changed: the same state with the same reason codes (counts and
 * times in the messages move on every check), or a first check that finds the store healthy (not news).
 */
export function healthChange(
  previous: { state: HealthState; reasons: HealthReason[] } | null,
  next: { state: HealthState; reasons: HealthReason[] },
): string | undefined {
  if (previous === null && next.state === 'healthy') return undefined;
  if (previous && previous.state === next.state && codesOf(previous) === codesOf(next)) return undefined;
  const reasons = next.reasons.map((r) => `${r.code} ${r.message}`).join('; ');
  return `health: ${stateOf(previous)} -> ${next.state}${reasons ? `: ${reasons}` : ''}`;
}
