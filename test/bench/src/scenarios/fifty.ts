import { sampleResources } from '../bench-sampler.js';
import { mib, millis, seconds, summarize } from '../bench-stats.js';
import { createAtOnce, storeNames } from '../bench-stores.js';
import type { BenchPlatform } from '../platform.js';
import { atMost, type ScenarioContext, type ScenarioResult } from './scenario.js';

/** The platform of scenarios 2 and 5: two workers of WORKER_CONCURRENCY 5, as the platform chart deploys them. */
export const fiftyPlatform = { workers: 2, concurrency: 5 };

/**
 * Scenario 2: `count` stores requested at once: all must be Running. Samples each process's RSS and the database's
 * connections every 250 ms meanwhile. Returns the stores' names for scenario 5.
 */
export async function fifty(
  { scale, log }: ScenarioContext,
  platform: BenchPlatform,
  description: string,
): Promise<{ result: ScenarioResult; names: string[] }> {
  const count = scale.fiftyStores;
  const names = storeNames('fifty', count);
  const sampler = await sampleResources(platform);
  const started = Date.now();
  let peaks;
  let timings;
  try {
    timings = await createAtOnce(platform.api, names, 30 * 60_000);
  } finally {
    peaks = await sampler.stop();
  }
  const lastRunning = Math.max(...timings.map((t) => t.postedAt + t.totalMs)) - started;
  const failures = timings.filter((t) => t.status !== 'running');
  const total = summarize(timings.map((t) => t.totalMs));
  const queue = summarize(timings.map((t) => t.queueMs));
  const work = summarize(timings.map((t) => t.workMs));
  const peakRss = Math.max(...Object.values(peaks.rss));
  log(`fifty: ${count - failures.length}/${count} Running, last after ${seconds(lastRunning)} s`);
  const result: ScenarioResult = {
    id: 'fifty',
    title: `2. ${count} stores requested at once`,
    platform: description,
    tables: [
      {
        title: `${count} creates at once`,
        headers: ['stores', 'Running', 'failed', 'last Running after s', 'p50 s', 'p95 s', 'max s'],
        rows: [
          [
            count,
            count - failures.length,
            failures.length,
            seconds(lastRunning),
            seconds(total.p50),
            seconds(total.p95),
            seconds(total.max),
          ],
        ],
        note: 'Per store: POST -> Running (operation finishedAt).',
      },
      {
        title: 'Queue wait vs work per store (s)',
        headers: ['', 'p50', 'p95', 'max'],
        rows: [
          ['queue wait (createdAt -> startedAt)', seconds(queue.p50), seconds(queue.p95), seconds(queue.max)],
          ['work (startedAt -> finishedAt)', seconds(work.p50), seconds(work.p95), seconds(work.max)],
        ],
      },
      {
        title: 'Resources (peaks, sampled every 250 ms)',
        headers: ['what', 'peak', 'limit / pool'],
        rows: [
          ...Object.entries(peaks.rss).map(([name, bytes]) => [`RSS ${name} (MiB)`, mib(bytes), '< 300']),
          ...Object.entries(peaks.cpuMs).map(([name, ms]) => [
            `CPU ${name}, own / with its helm processes (% of one core, run average)`,
            `${((ms / peaks.wallMs) * 100).toFixed(0)} / ${(((peaks.cpuWithChildrenMs[name] ?? 0) / peaks.wallMs) * 100).toFixed(0)}`,
            '',
          ]),
          ['machine CPU busy (% of all cores, run average)', peaks.machineBusyPct.toFixed(0), ''],
          ['PostgreSQL connections, total', peaks.connectionsTotal, peaks.configuredPool],
          ['PostgreSQL connections, active', peaks.connectionsActive, peaks.configuredPool],
        ],
        note: `Pool: each of ${1 + platform.workers.length} processes opens up to DATABASE_POOL_SIZE ${platform.env.DATABASE_POOL_SIZE} + pg-boss max(2, WORKER_CONCURRENCY ${platform.env.WORKER_CONCURRENCY}) + 1 LISTEN connection. ${peaks.samples} samples.`,
      },
      ...(failures.length
        ? [
            {
              title: 'Failures',
              headers: ['store', 'error'],
              rows: failures.map((f) => [f.name, (f.error ?? '').slice(0, 160)]),
            },
          ]
        : []),
    ],
    targets: [
      atMost('fifty', 'failures', failures.length, 0, String),
      atMost('fifty', 'peak RSS per process (MiB)', peakRss / 2 ** 20, 300, (v) => v.toFixed(0), true),
    ],
    data: {
      count,
      lastRunningMs: lastRunning,
      failures: failures.length,
      total,
      queue,
      work,
      peaks,
      stores: timings.map((t) => ({ ...t, steps: t.steps.map((s) => ({ ...s, ms: Number(millis(s.ms)) })) })),
    },
  };
  return { result, names };
}
