/**
 * The chaos scenario (`make chaos`, and its short version in `make test`): N stores requested at once on a bench
 * platform while workers are SIGKILLed (each replaced, as a Deployment would), PostgreSQL is restarted once, the
 * kube-apiserver once, and some stores are deleted; then, once nothing is in a middle state (bounded), the
 * stores, the cluster and the event stream are checked (chaos-checks.ts).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';

import { resolveTools, waitFor } from '@store-platform/test-cluster';

import type { BenchApi } from './api.js';
import {
  apiserverCheck,
  duplicateCheck,
  middleStatuses,
  orphanCheck,
  outcomeCheck,
  settledCheck,
  streamCheck,
  type Check,
  type Injection,
  type StoreSeen,
} from './chaos-checks.js';
import { readInventory } from './chaos-inventory.js';
import { subscribe } from './chaos-stream.js';
import { startBenchPlatform, type BenchPlatform } from './platform.js';

export interface ChaosOptions {
  stores: number;
  workers: number;
  concurrency: number;
  /** Store names are `{prefix}-{i}`. */
  prefix: string;
  /** Worker SIGKILLs: how many, the first after `firstKillMs`, then every `killEveryMs`. */
  kills: number;
  firstKillMs: number;
  killEveryMs: number;
  /** PostgreSQL crash (immediate shutdown) at `postgresAtMs`, down `postgresDownMs`. */
  postgresAtMs: number;
  postgresDownMs: number;
  /** kube-apiserver SIGKILL and start again at `apiserverAtMs`, down `apiserverDownMs`. */
  apiserverAtMs: number;
  apiserverDownMs: number;
  /** Stores deleted (once Running or Failed) from `deleteAtMs`. */
  deletes: number;
  deleteAtMs: number;
  /** Simulated nodes (8 CPU, 32 GiB each) added to the cluster's three, so that every store fits. */
  extraNodes: number;
  /** From the first request: how long the stores may take to settle before the run fails with what is stuck. */
  settleTimeoutMs: number;
  log: (message: string) => void;
}

export interface ChaosResult {
  options: Omit<ChaosOptions, 'log'> & { log?: undefined };
  injections: (Injection & { at: number })[];
  outcomes: Record<string, number>;
  checks: Check[];
  stores: StoreSeen[];
  deleted: string[];
  streamConnections: number;
  settleSeconds: number;
  logDir: string;
}

/** Every process below `pid` (its helm runs, say), from /proc: PPid is the 4th field of /proc/{pid}/stat. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const below: number[] = [];
  for (let frontier = [pid]; frontier.length;) {
    frontier = [...parents].filter(([, ppid]) => frontier.includes(ppid)).map(([child]) => child);
    below.push(...frontier);
  }
  return below;
}

/** Adds `count` kwok nodes like the three the cluster starts with (test/cluster/manifests/bootstrap.yaml). */
async function addNodes(kubeconfig: string, count: number): Promise<void> {
  if (count === 0) return;
  const node = (i: number) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `kwok-node-extra-${i}`,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': `kwok-node-extra-${i}`,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        type: 'kwok',
      },
    },
    status: {
      capacity: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    },
  });
  const file = path.join(path.dirname(kubeconfig), 'chaos-nodes.json');
  const items = Array.from({ length: count }, (_, i) => node(i));
  await writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const { kubectl } = await resolveTools();
  await promisify(execFile)(kubectl, ['apply', '--server-side', '-f', file], {
    env: { ...process.env, KUBECONFIG: kubeconfig },
  });
}

async function listStores(api: BenchApi): Promise<StoreSeen[]> {
  return waitFor('GET /stores to answer', async () => {
    const { status, body } = await api.call<{ items: StoreSeen[] }>('GET', '/stores');
    if (status !== 200) throw new Error(`GET /stores: HTTP ${status}`);
    return body.items;
  });
}

/** The faults, each at its time from `t0`; recorded in `injections` as they happen. */
function injectFaults(
  platform: BenchPlatform,
  options: ChaosOptions,
  t0: number,
  injections: Injection[],
  inFlightAtApiRestart: { names?: string[] },
): Promise<unknown>[] {
  const at = (ms: number) => delay(Math.max(0, t0 + ms - Date.now()));
  const record = async (what: string, act: () => Promise<string | undefined>) => {
    const startedAt = Date.now();
    options.log(`inject: ${what}`);
    const detail = await act();
    injections.push({ what, startedAt, endedAt: Date.now(), ...(detail ? { detail } : {}) });
  };
  // One kill after the other, each of a worker that is up (a replacement may still be starting: its start is
  // slow on a busy machine); each replacement starts in the background, as a Deployment's new pod would.
  const replacements: Promise<unknown>[] = [];
  const kills = (async () => {
    for (let i = 0; i < options.kills; i += 1) {
      await at(options.firstKillMs + i * options.killEveryMs);
      await record(`SIGKILL worker #${i + 1}`, async () => {
        const victim = await waitFor(
          'a live worker to kill',
          async () => platform.workers.find((w) => w.child.exitCode === null && w.child.signalCode === null),
          { timeoutMs: 120_000, intervalMs: 500 },
        );
        // A container's death ends every process in it: the helm runs of the worker die with it (a process of
        // the bench would outlive its parent, and its install go on behind the back of the worker that resumes).
        const children = victim.child.pid ? await descendants(victim.child.pid) : [];
        await victim.kill();
        for (const pid of children) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Ended meanwhile.
          }
        }
        // One that cannot start yet (PostgreSQL down: its migrations fail) is started again.
        replacements.push(
          waitFor('a replacement worker to start', () => platform.addWorker(), {
            timeoutMs: 180_000,
            intervalMs: 1000,
          }),
        );
        return `${victim.name} killed${children.length ? ` with ${children.length} child process(es)` : ''}`;
      });
    }
    await Promise.all(replacements);
  })();
  const postgres = (async () => {
    await at(options.postgresAtMs);
    await record('PostgreSQL restart (immediate shutdown)', async () => {
      await platform.postgres.restart({ mode: 'immediate', downMs: options.postgresDownMs });
      return `down ${options.postgresDownMs} ms`;
    });
  })();
  const apiserver = (async () => {
    await at(options.apiserverAtMs);
    const inFlight = (await listStores(platform.api)).filter((s) => middleStatuses.has(s.status));
    inFlightAtApiRestart.names = inFlight.map((s) => s.name);
    await record('kube-apiserver restart (SIGKILL)', async () => {
      await platform.cluster.restart('kube-apiserver', {
        signal: 'SIGKILL',
        downMs: options.apiserverDownMs,
      });
      return `${inFlight.length} operations in flight`;
    });
  })();
  return [kills, postgres, apiserver];
}

/** Deletes `count` stores as soon as they are Running or Failed; returns each accepted delete with its time. */
async function deleteSome(
  api: BenchApi,
  names: string[],
  count: number,
  until: number,
): Promise<{ name: string; at: number }[]> {
  const accepted: { name: string; at: number }[] = [];
  // The last requested are the likeliest to be in flight, so that deletes meet creates still settling.
  const candidates = [...names].reverse();
  while (accepted.length < count && Date.now() < until) {
    for (const name of candidates.filter((n) => !accepted.some((a) => a.name === n))) {
      if (accepted.length >= count) break;
      const { status } = await api.call('DELETE', `/stores/${name}`).catch(() => ({ status: 0 }));
      if (status === 202) accepted.push({ name, at: Date.now() });
    }
    if (accepted.length < count) await delay(1000);
  }
  return accepted;
}

/** Runs the scenario on a platform of its own and returns what it saw; the platform is stopped at the end. */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { log } = options;
  const platform = await startBenchPlatform({
    workers: options.workers,
    concurrency: options.concurrency,
    log,
  });
  try {
    await addNodes(platform.cluster.kubeconfig, options.extraNodes);
    const subscriber = subscribe(platform.api.url, platform.api.token);
    const names = Array.from({ length: options.stores }, (_, i) => `${options.prefix}-${i + 1}`);
    const t0 = Date.now();
    const until = t0 + options.settleTimeoutMs;
    log(`requesting ${names.length} stores at once`);
    const created = await Promise.all(
      names.map((name) =>
        platform.api.call('POST', '/stores', { name, engine: 'woocommerce', plan: 'basic' }),
      ),
    );
    const refused = created.filter((r) => r.status !== 202);
    if (refused.length) throw new Error(`${refused.length} creates refused: ${JSON.stringify(refused[0])}`);
    const injections: Injection[] = [];
    const inFlight: { names?: string[] } = {};
    const faults = injectFaults(platform, options, t0, injections, inFlight);
    const deletes = delay(Math.max(0, t0 + options.deleteAtMs - Date.now())).then(() =>
      deleteSome(platform.api, names, options.deletes, until),
    );
    await Promise.all(faults);
    const deleted = await deletes;
    // Settled: nothing in a middle state, and every accepted delete gone from the list.
    let stores = await listStores(platform.api);
    while (Date.now() < until) {
      const busy = stores.some((s) => middleStatuses.has(s.status) || deleted.some((d) => d.name === s.name));
      if (!busy) break;
      await delay(1000);
      stores = await listStores(platform.api);
    }
    const settleSeconds = (Date.now() - t0) / 1000;
    log(`settled after ${settleSeconds.toFixed(0)} s; reading the cluster`);
    // Let the stream deliver the last changes (it is live: well under a second) before reading it.
    await delay(2000);
    subscriber.close();
    const inventory = await readInventory(platform.cluster.kubeconfig, platform.identity.instance);
    const pgRestart = injections.find((i) => i.what.startsWith('PostgreSQL'));
    const checks = [
      settledCheck(stores, Math.round(options.settleTimeoutMs / 1000)),
      outcomeCheck(stores, inventory),
      orphanCheck(stores, inventory),
      duplicateCheck(stores, inventory),
      streamCheck(pgRestart, subscriber.events, stores, deleted),
      apiserverCheck(inFlight.names, stores),
    ];
    const outcomes: Record<string, number> = { deleted: deleted.length };
    for (const store of stores) outcomes[store.status] = (outcomes[store.status] ?? 0) + 1;
    return {
      options: { ...options, log: undefined },
      injections: injections
        .sort((a, b) => a.startedAt - b.startedAt)
        .map((i) => ({ ...i, at: (i.startedAt - t0) / 1000 })),
      outcomes,
      checks,
      stores,
      deleted: deleted.map((d) => d.name),
      streamConnections: subscriber.connections(),
      settleSeconds,
      logDir: platform.logDir,
    };
  } finally {
    await platform.stop();
  }
}
