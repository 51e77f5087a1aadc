/**
 * The chaos run's verdicts, as pure functions of what it saw: the stores the API lists at the end, the cluster's
 * inventory, the event stream's events and when each fault was injected.
 */
import type { Inventory } from './chaos-inventory.js';
import type { StreamEvent } from './chaos-stream.js';

/** A store as GET /stores shows it, the fields the checks read. */
export interface StoreSeen {
  name: string;
  status: string;
  reason: string | null;
  operation: {
    kind: string;
    phase: string;
    finishedAt: string | null;
    steps: { name: string; status: string }[];
  } | null;
}

/** One fault injected: what, and when it started and ended (Date.now()). */
export interface Injection {
  what: string;
  startedAt: number;
  endedAt: number;
  detail?: string;
}

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

/** Statuses a store passes through; none may remain once the run has settled. */
export const middleStatuses = new Set(['provisioning', 'updating', 'deleting']);

const list = (names: string[], max = 8) =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;

/** What the cluster still holds of one store: its namespace, releases and Secrets. */
function leftOf(store: string, inventory: Inventory): string[] {
  const namespace = `store-${store}`;
  return [
    ...inventory.namespaces.filter((n) => n.name === namespace).map((n) => `namespace ${n.name}`),
    ...inventory.releases.filter((r) => r.namespace === namespace).map((r) => `release ${r.name}`),
    ...inventory.secrets.filter((s) => s.store === store).map((s) => `secret ${s.namespace}/${s.name}`),
  ];
}

export function settledCheck(stores: StoreSeen[], boundSeconds: number): Check {
  const stuck = stores.filter((s) => middleStatuses.has(s.status));
  const detail = stuck.map((s) => {
    const step = s.operation?.steps.find((st) => st.status === 'running')?.name ?? 'no running step';
    return `${s.name}: ${s.status} (${s.operation?.kind ?? '?'} ${s.operation?.phase ?? '?'}, ${step})`;
  });
  return {
    name: 'none stuck in a middle state',
    pass: stuck.length === 0,
    detail: stuck.length ? `after ${boundSeconds} s: ${list(detail, 20)}` : `all ${stores.length} settled`,
  };
}

export function outcomeCheck(stores: StoreSeen[], inventory: Inventory): Check {
  const problems: string[] = [];
  for (const store of stores) {
    if (store.status === 'running' || middleStatuses.has(store.status)) continue;
    const left = leftOf(store.name, inventory);
    if (store.status !== 'failed') problems.push(`${store.name} is ${store.status}`);
    else if (left.length) problems.push(`${store.name} failed but left ${left.join(', ')}`);
  }
  return {
    name: 'every store Running, or Failed and cleaned up',
    pass: problems.length === 0,
    detail: problems.length ? list(problems) : 'yes',
  };
}

export function orphanCheck(stores: StoreSeen[], inventory: Inventory): Check {
  const listed = new Set(stores.map((s) => `store-${s.name}`));
  const storeNames = new Set(stores.map((s) => s.name));
  const orphans = [
    ...inventory.namespaces.filter((n) => !listed.has(n.name)).map((n) => `namespace ${n.name} (${n.phase})`),
    ...inventory.releases
      .filter((r) => !listed.has(r.namespace))
      .map((r) => `release ${r.namespace}/${r.name} (${r.status})`),
    ...inventory.secrets
      .filter((s) => !s.store || !storeNames.has(s.store))
      .map((s) => `secret ${s.namespace}/${s.name}`),
  ];
  return {
    name: 'no orphan namespace, release or Secret',
    pass: orphans.length === 0,
    detail: orphans.length
      ? list(orphans)
      : `${inventory.namespaces.length} namespaces, ${inventory.releases.length} releases, ${inventory.secrets.length} secrets: all of listed stores`,
  };
}

export function duplicateCheck(stores: StoreSeen[], inventory: Inventory): Check {
  const problems: string[] = [];
  for (const store of stores.filter((s) => s.status === 'running')) {
    const releases = inventory.releases.filter((r) => r.namespace === `store-${store.name}`);
    const only = releases[0];
    if (releases.length !== 1 || !only) problems.push(`${store.name}: ${releases.length} releases`);
    else if (only.status !== 'deployed' || only.deployedRevisions !== 1)
      problems.push(`${store.name}: ${only.status}, ${only.deployedRevisions} deployed revisions`);
  }
  return {
    name: 'one release per store, one deployed revision',
    pass: problems.length === 0,
    detail: problems.length ? list(problems) : 'yes',
  };
}

/**
 * The stream resumed after PostgreSQL came back: a `resync` came after the restart began, and every store change
 * made after that resync reached the subscriber (a store's last state, or its removal for a delete asked after).
 */
export function streamCheck(
  restart: Injection | undefined,
  events: StreamEvent[],
  stores: StoreSeen[],
  deletes: { name: string; at: number }[],
): Check {
  const name = 'event stream resumes after PostgreSQL restart';
  if (!restart) return { name, pass: false, detail: 'PostgreSQL was not restarted' };
  const resync = events.find((e) => e.event === 'resync' && e.at >= restart.startedAt);
  if (!resync) return { name, pass: false, detail: 'no resync event after the restart' };
  const after = (e: StreamEvent) => e.at >= resync.at;
  const expected = [
    ...stores
      .filter((s) => s.operation?.finishedAt && Date.parse(s.operation.finishedAt) > resync.at)
      .map((s) => ({
        what: `${s.name} ${s.status}`,
        seen: events.some(
          (e) => after(e) && e.event === 'store' && e.data.name === s.name && e.data.status === s.status,
        ),
      })),
    ...deletes
      .filter((d) => d.at > resync.at)
      .map((d) => ({
        what: `${d.name} deleted`,
        seen: events.some((e) => after(e) && e.event === 'store-deleted' && e.data.name === d.name),
      })),
  ];
  const missed = expected.filter((e) => !e.seen).map((e) => e.what);
  const delay = ((resync.at - restart.startedAt) / 1000).toFixed(1);
  return {
    name,
    pass: expected.length > 0 && missed.length === 0,
    detail:
      expected.length === 0
        ? 'no store changed after the stream resumed: nothing to check'
        : `resync ${delay} s after the crash; ${expected.length - missed.length}/${expected.length} later changes delivered${missed.length ? `; missed: ${list(missed)}` : ''}`,
  };
}

/** Operations in flight when the API server went down all ended Running (deleted stores aside). */
export function apiserverCheck(inFlight: string[] | undefined, stores: StoreSeen[]): Check {
  const name = 'operations resume after kube-apiserver restart';
  if (!inFlight) return { name, pass: false, detail: 'kube-apiserver was not restarted' };
  const spanning = stores.filter((s) => inFlight.includes(s.name));
  const notRunning = spanning.filter((s) => s.status !== 'running');
  return {
    name,
    pass: spanning.length > 0 && notRunning.length === 0,
    detail:
      spanning.length === 0
        ? 'no operation was in flight across the restart: nothing to check'
        : `${spanning.length - notRunning.length}/${spanning.length} in flight ended Running${notRunning.length ? `; not: ${list(notRunning.map((s) => `${s.name} ${s.status}: ${s.reason ?? ''}`))}` : ''}`,
  };
}
