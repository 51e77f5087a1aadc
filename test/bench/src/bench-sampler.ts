import { readFile } from 'node:fs/promises';

import pg from 'pg';

import type { BenchPlatform } from './platform.js';

/** Peak resident memory of each provisioner process and peak PostgreSQL connections, sampled during a run. */
export interface ResourcePeaks {
  /** Process name -> peak VmRSS in bytes. */
  rss: Record<string, number>;
  /** Process name -> CPU time (user + system) used during the sampling, in ms: a process near 100% of the
   * wall time is bound by its one JavaScript thread. */
  cpuMs: Record<string, number>;
  /** The same with the CPU of the processes it ran and waited for (helm). */
  cpuWithChildrenMs: Record<string, number>;
  /** Wall time of the sampling, in ms. */
  wallMs: number;
  /** How busy the machine's CPUs were during the sampling (all processes, the bench's and others'), in %. */
  machineBusyPct: number;
  /** Peak connections to the bench database (pg_stat_activity), in any state and active ones. */
  connectionsTotal: number;
  connectionsActive: number;
  /** What the processes may open at most: DATABASE_POOL_SIZE each plus pg-boss's max(2, WORKER_CONCURRENCY). */
  configuredPool: number;
  samples: number;
}

/**
 * CPU time a process has used, in ms, from /proc/{pid}/stat (clock ticks of 10 ms): its own (utime + stime) and its
 * own plus its waited-for children's (cutime + cstime: the helm processes it ran); undefined once it is gone.
 */
async function cpuMsOf(pid: number | undefined): Promise<{ own: number; withChildren: number } | undefined> {
  if (!pid) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
  const fields = stat
    ?.slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  if (!fields) return undefined;
  const own = (fields[11]! + fields[12]!) * 10;
  return { own, withChildren: own + (fields[13]! + fields[14]!) * 10 };
}

/** The machine's CPU time so far (/proc/stat's first line, in ticks): busy and total. */
async function machineTicks(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  // idle and iowait are the 4th and 5th.
  return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
}

/**
 * The connections every process of `platform` may open (adapters/db/pool.ts and adapters/queue/pg-boss-queue.ts), and
 * its one LISTEN connection (adapters/db/pg-listener.ts: the API's change feed, a worker's queue wake-ups).
 */
export function configuredPool(platform: BenchPlatform): number {
  const poolSize = Number(platform.env.DATABASE_POOL_SIZE);
  const concurrency = Number(platform.env.WORKER_CONCURRENCY);
  const processes = 1 + platform.workers.length;
  return processes * (poolSize + Math.max(2, concurrency) + 1);
}

/**
 * Samples every `intervalMs` (RSS from /proc, connections from pg_stat_activity through a connection to the server's
 * `postgres` database, so the sampler is not counted) until `stop()` is called; returns the peaks.
 */
export async function sampleResources(
  platform: BenchPlatform,
  intervalMs = 250,
): Promise<{ stop(): Promise<ResourcePeaks> }> {
  const client = new pg.Client({ connectionString: platform.postgres.url });
  await client.connect();
  const database = new URL(platform.databaseUrl).pathname.slice(1);
  const peaks: ResourcePeaks = {
    rss: {},
    connectionsTotal: 0,
    connectionsActive: 0,
    configuredPool: configuredPool(platform),
    samples: 0,
    cpuMs: {},
    cpuWithChildrenMs: {},
    wallMs: 0,
    machineBusyPct: 0,
  };
  const machineAtStart = await machineTicks();
  const processes = [platform.apiProcess, ...platform.workers];
  const cpuAtStart = new Map(
    await Promise.all(processes.map(async (p) => [p.name, await cpuMsOf(p.child.pid)] as const)),
  );
  const startedAt = Date.now();
  let running = true;
  const sample = async () => {
    const [rss, { rows }] = await Promise.all([
      Promise.all(processes.map(async (p) => [p.name, await p.rss()] as const)),
      client.query<{ total: string; active: string }>(
        `select count(*) as total, count(*) filter (where state = 'active') as active
           from pg_stat_activity where datname = $1`,
        [database],
      ),
    ]);
    for (const [name, bytes] of rss) if (bytes) peaks.rss[name] = Math.max(peaks.rss[name] ?? 0, bytes);
    peaks.connectionsTotal = Math.max(peaks.connectionsTotal, Number(rows[0]?.total ?? 0));
    peaks.connectionsActive = Math.max(peaks.connectionsActive, Number(rows[0]?.active ?? 0));
    peaks.samples += 1;
  };
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      await sample();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started))));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      peaks.wallMs = Date.now() - startedAt;
      const machine = await machineTicks();
      peaks.machineBusyPct =
        (100 * (machine.busy - machineAtStart.busy)) / Math.max(1, machine.total - machineAtStart.total);
      for (const p of processes) {
        const [from, to] = [cpuAtStart.get(p.name), await cpuMsOf(p.child.pid)];
        if (from === undefined || to === undefined) continue;
        peaks.cpuMs[p.name] = to.own - from.own;
        peaks.cpuWithChildrenMs[p.name] = to.withChildren - from.withChildren;
      }
      await client.end();
      return peaks;
    },
  };
}
