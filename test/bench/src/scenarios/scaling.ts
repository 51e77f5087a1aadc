import { sampleResources } from '../bench-sampler.js';
import { seconds, summarize } from '../bench-stats.js';
import { createAtOnce, storeNames } from '../bench-stores.js';
import { atMost, benchPlatform, type ScenarioContext, type ScenarioResult, type Target } from './scenario.js';

interface ScalingRun {
  replicas: number;
  concurrency: number;
  stores: number;
  failures: number;
  totalMs: number;
  /** totalMs x (scale.scalingTarget / stores): the total for the count when fewer were run. */
  projectedMs: number;
  storesPerMinute: number;
  p50Ms: number;
  p95Ms: number;
  queueP95Ms: number;
  /** The busiest worker's CPU, in % of one core, and the whole machine's, in % of all cores (run averages). */
  workerCpuPct: number;
  workerWithHelmCpuPct: number;
  machineBusyPct: number;
}

/**
 * Scenario 3: `scalingStores` stores at once on a fresh platform per setting: one worker at each WORKER_CONCURRENCY,
 * then two workers. The limits are raised by the launcher (MAX_STORES, write rate).
 */
export async function scaling({ scale, log }: ScenarioContext): Promise<ScenarioResult> {
  const settings = [
    ...scale.scalingConcurrency.map((concurrency) => ({ replicas: 1, concurrency })),
    ...scale.scalingTwoReplicas.map((concurrency) => ({ replicas: 2, concurrency })),
  ];
  const runs: ScalingRun[] = [];
  const platforms: string[] = [];
  for (const { replicas, concurrency } of settings) {
    const stores = concurrency === 1 ? scale.scalingStoresAtOne : scale.scalingStores;
    const { platform, description } = await benchPlatform({ workers: replicas, concurrency, log }, stores);
    platforms.push(description);
    try {
      const sampler = await sampleResources(platform, 1000);
      const started = Date.now();
      const timings = await createAtOnce(platform.api, storeNames('scale', stores), 60 * 60_000).catch(
        async (error: unknown) => {
          await sampler.stop();
          throw error;
        },
      );
      const peaks = await sampler.stop();
      const totalMs = Math.max(...timings.map((t) => t.postedAt + t.totalMs)) - started;
      const total = summarize(timings.map((t) => t.totalMs));
      runs.push({
        replicas,
        concurrency,
        stores,
        failures: timings.filter((t) => t.status !== 'running').length,
        totalMs,
        projectedMs: (totalMs * scale.scalingTarget) / stores,
        storesPerMinute: stores / (totalMs / 60_000),
        p50Ms: total.p50,
        p95Ms: total.p95,
        queueP95Ms: summarize(timings.map((t) => t.queueMs)).p95,
        workerCpuPct: Math.max(
          ...platform.workers.map((w) => ((peaks.cpuMs[w.name] ?? 0) / peaks.wallMs) * 100),
        ),
        workerWithHelmCpuPct: Math.max(
          ...platform.workers.map((w) => ((peaks.cpuWithChildrenMs[w.name] ?? 0) / peaks.wallMs) * 100),
        ),
        machineBusyPct: peaks.machineBusyPct,
      });
      log(`scaling ${replicas} x ${concurrency}: ${stores} stores in ${seconds(totalMs)} s`);
    } finally {
      await platform.stop();
    }
  }
  const targets: Target[] = runs.map((r) =>
    atMost('scaling', `failures, ${r.replicas} worker(s) x ${r.concurrency}`, r.failures, 0, String),
  );
  return {
    id: 'scaling',
    title: `3. ${scale.scalingTarget} stores at once: scaling with WORKER_CONCURRENCY and worker replicas`,
    platform: `a fresh platform per row (${platforms.length}); e.g. ${platforms[0] ?? ''}`,
    tables: [
      {
        title: 'Scaling',
        headers: [
          'workers',
          'concurrency',
          'stores run',
          'failed',
          'total s',
          `total for ${scale.scalingTarget} s`,
          'stores/min',
          'p50 s',
          'p95 s',
          'queue p95 s',
          'busiest worker CPU % (own / with helm)',
          'machine CPU %',
        ],
        rows: runs.map((r) => [
          r.replicas,
          r.concurrency,
          r.stores,
          r.failures,
          seconds(r.totalMs),
          r.stores === scale.scalingTarget ? seconds(r.projectedMs) : `${seconds(r.projectedMs)} (projected)`,
          r.storesPerMinute.toFixed(1),
          seconds(r.p50Ms),
          seconds(r.p95Ms),
          seconds(r.queueP95Ms),
          `${r.workerCpuPct.toFixed(0)} / ${r.workerWithHelmCpuPct.toFixed(0)}`,
          r.machineBusyPct.toFixed(0),
        ]),
        note: runs.some((r) => r.stores !== scale.scalingTarget)
          ? `Runs of fewer than ${scale.scalingTarget} stores (to keep the scenario near 25 minutes on 2 cores; BENCH_SCALING_STORES=${scale.scalingTarget} BENCH_SCALING_STORES_AT_ONE=${scale.scalingTarget} runs them all) have their total for ${scale.scalingTarget} projected linearly from their rate: with every store requested at once the workers stay busy, so the rate is steady once the first batch runs. The machine CPU column is the whole machine (other jobs included).`
          : 'The machine CPU column is the whole machine (other jobs included).',
      },
    ],
    targets,
    data: { runs },
  };
}
