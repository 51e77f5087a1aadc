import { waitFor } from '@store-platform/test-cluster';

import type { BenchApi } from './api.js';

/** What the bench reads of GET /stores/{name} (packages/contracts storeSchema). */
export interface StepView {
  name: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
}
export interface OperationView {
  kind: string;
  phase: string;
  steps: StepView[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: { message: string } | null;
}
export interface StoreView {
  name: string;
  status: string;
  reason: string | null;
  updatedAt: string;
  /** The health monitor's last check of the store (null until its first). */
  health?: { checkedAt: string } | null;
  operation: OperationView | null;
}

/** One store create as measured: the client's POST time and the server's record of the operation. */
export interface CreateTiming {
  name: string;
  /** Epoch ms when the POST was sent. */
  postedAt: number;
  status: string;
  /** POST -> Running: the operation's finishedAt (recorded with the store's status) minus postedAt. */
  totalMs: number;
  /** Operation createdAt -> startedAt: waiting in the queue for a worker. */
  queueMs: number;
  /** Operation startedAt -> finishedAt: a worker's work. */
  workMs: number;
  /** POST -> operation createdAt: the API's handling of the request. */
  acceptMs: number;
  steps: { name: string; ms: number; startOffsetMs: number }[];
  /** Last step's end -> finishedAt (the store recorded Running). */
  tailMs: number;
  /** startedAt -> first step's start, plus the gaps between steps. */
  gapsMs: number;
  error?: string;
}

const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

export async function postStore(api: BenchApi, name: string): Promise<number> {
  const postedAt = Date.now();
  const response = await api.call('POST', '/stores', { name, engine: 'woocommerce', plan: 'basic' });
  if (response.status !== 202)
    throw new Error(`POST /stores ${name}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  return postedAt;
}

/** The timing of a settled create from its store view. */
export function createTiming(name: string, postedAt: number, store: StoreView): CreateTiming {
  const op = store.operation;
  const created = at(op?.createdAt);
  const started = at(op?.startedAt);
  const finished = at(op?.finishedAt);
  const steps = (op?.steps ?? [])
    .filter((s) => s.startedAt && s.finishedAt)
    .map((s) => ({
      name: s.name,
      ms: at(s.finishedAt) - at(s.startedAt),
      startOffsetMs: at(s.startedAt) - started,
    }));
  const lastEnd = Math.max(...(op?.steps ?? []).map((s) => at(s.finishedAt)).filter(Number.isFinite));
  const stepsMs = steps.reduce((sum, s) => sum + s.ms, 0);
  return {
    name,
    postedAt,
    status: store.status,
    totalMs: finished - postedAt,
    queueMs: started - created,
    workMs: finished - started,
    acceptMs: created - postedAt,
    steps,
    tailMs: finished - lastEnd,
    gapsMs: lastEnd - started - stepsMs,
    ...(op?.error ? { error: op.error.message } : {}),
  };
}

const settled = (store: StoreView) =>
  store.status === 'running' || store.status === 'failed'
    ? store.operation?.finishedAt
      ? store
      : undefined
    : undefined;

/** Waits until one store is Running or Failed (its operation finished), polling GET /stores/{name}. */
export async function waitSettled(api: BenchApi, name: string, timeoutMs = 600_000): Promise<StoreView> {
  return waitFor(
    `store ${name} to be running or failed`,
    async () => {
      const { status, body } = await api.call<StoreView>('GET', `/stores/${name}`);
      if (status !== 200) throw new Error(`GET /stores/${name}: HTTP ${status}`);
      return settled(body);
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/**
 * Waits until every store of `names` is Running or Failed, polling GET /stores once a second (one request for all,
 * so the bench's own polling stays a small load); returns them by name.
 */
export async function waitAllSettled(
  api: BenchApi,
  names: string[],
  timeoutMs: number,
): Promise<Map<string, StoreView>> {
  const done = new Map<string, StoreView>();
  await waitFor(
    `${names.length} stores to be running or failed`,
    async () => {
      const { status, body } = await api.call<{ items: StoreView[] }>('GET', '/stores');
      if (status !== 200) throw new Error(`GET /stores: HTTP ${status}`);
      for (const store of body.items) if (settled(store)) done.set(store.name, store);
      const left = names.filter((n) => !done.has(n));
      if (left.length) throw new Error(`${left.length} not settled yet, e.g. ${left.slice(0, 3).join(', ')}`);
      return true;
    },
    { timeoutMs, intervalMs: 1000 },
  );
  return done;
}

/** POSTs every store at once, waits for all to settle and returns each one's timing. */
export async function createAtOnce(
  api: BenchApi,
  names: string[],
  timeoutMs: number,
): Promise<CreateTiming[]> {
  const posted = await Promise.all(names.map(async (name) => [name, await postStore(api, name)] as const));
  const stores = await waitAllSettled(api, names, timeoutMs);
  return posted.map(([name, postedAt]) => createTiming(name, postedAt, stores.get(name)!));
}

/** `prefix-0`, `prefix-1`...: store names unique within one platform. */
export const storeNames = (prefix: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${from + i}`);
