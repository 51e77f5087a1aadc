import pg from 'pg';

import type { BenchPlatform } from './platform.js';

/** Peak resident memory of each provisioner process and peak PostgreSQL connections, sampled during a run. */
export interface ResourcePeaks {
  /** Process name -> peak VmRSS in bytes. */
  rss: Record<string, number>;
  /** Peak connections to the bench database (pg_stat_activity), in any state and active ones. */
  connectionsTotal: number;
  connectionsActive: number;
  /** What the processes may open at most: DATABASE_POOL_SIZE each plus pg-boss's max(2, WORKER_CONCURRENCY). */
  configuredPool: number;
  samples: number;
}

/** The connections every process of `platform` may open (adapters/db/pool.ts and adapters/queue/pg-boss-queue.ts). */
export function configuredPool(platform: BenchPlatform): number {
  const poolSize = Number(platform.env.DATABASE_POOL_SIZE);
  const concurrency = Number(platform.env.WORKER_CONCURRENCY);
  const processes = 1 + platform.workers.length;
  return processes * (poolSize + Math.max(2, concurrency));
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
  };
  let running = true;
  const sample = async () => {
    const processes = [platform.apiProcess, ...platform.workers];
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
      await client.end();
      return peaks;
    },
  };
}
