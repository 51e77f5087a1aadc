import { waitFor } from '@store-platform/test-cluster';

import { sampleResources } from '../bench-sampler.js';
import { subscribeInWorker } from '../bench-sse.js';
import { millis, seconds, summarize } from '../bench-stats.js';
import { createAtOnce, postStore, storeNames, waitAllSettled } from '../bench-stores.js';
import { atMost, benchPlatform, type ScenarioContext, type ScenarioResult } from './scenario.js';

/**
 * Scenario 4: with `apiStores - apiOperations` Running stores made first (real ones, untimed), `apiOperations`
 * creates are requested at once; while they run, GET /stores and GET /stores/{name} are timed one after the other,
 * and `sseSubscribers` event streams measure each store event's delivery delay.
 */
export async function apiLoad({ scale, log }: ScenarioContext): Promise<ScenarioResult> {
  const { platform, description } = await benchPlatform(
    { workers: 2, concurrency: 10, log },
    scale.apiStores,
  );
  try {
    const existing = storeNames('load', scale.apiStores - scale.apiOperations);
    const setupStarted = Date.now();
    const made = await createAtOnce(platform.api, existing, 60 * 60_000);
    const setupFailures = made.filter((t) => t.status !== 'running').length;
    log(
      `api-load: ${existing.length} stores made in ${seconds(Date.now() - setupStarted)} s (${setupFailures} failed)`,
    );
    const fresh = storeNames('busy', scale.apiOperations);
    const subscribers = await subscribeInWorker(platform.api, scale.sseSubscribers, fresh);
    const sampler = await sampleResources(platform, 1000);
    const list: number[] = [];
    const one: number[] = [];
    let creating = true;
    const creates = Promise.all(fresh.map((name) => postStore(platform.api, name))).then(async () => {
      await waitAllSettled(platform.api, fresh, 30 * 60_000);
      creating = false;
    });
    let duringOperations = 0;
    for (let i = 0; i < scale.apiRequests; i += 1) {
      const a = await platform.api.call('GET', '/stores');
      const b = await platform.api.call('GET', `/stores/${existing[i % existing.length]}`);
      if (a.status !== 200 || b.status !== 200) throw new Error(`GET answered ${a.status} / ${b.status}`);
      list.push(a.ms);
      one.push(b.ms);
      if (creating) duringOperations += 1;
    }
    await creates;
    // Every subscriber gets each new store's Running event; then the delays are complete.
    await waitFor(
      'every subscriber to receive the Running event of every new store',
      async () => ((await subscribers.allRunning()) ? true : undefined),
      { timeoutMs: 60_000 },
    );
    const { delaysMs: delays, untimed } = await subscribers.stop();
    const peaks = await sampler.stop();
    const cpu = (name: string) => (((peaks.cpuMs[name] ?? 0) / peaks.wallMs) * 100).toFixed(0);
    const listS = summarize(list);
    const oneS = summarize(one);
    const sseS = summarize(delays);
    return {
      id: 'api',
      title: `4. API while ${scale.apiOperations} operations run and ${scale.apiStores} stores exist`,
      platform: description,
      tables: [
        {
          title: 'API latency (ms, sequential requests, client side)',
          headers: ['request', 'n', 'during operations', 'p50 ms', 'p99 ms', 'max ms'],
          rows: [
            [
              'GET /stores',
              listS.n,
              duringOperations,
              millis(listS.p50),
              millis(listS.p99),
              millis(listS.max),
            ],
            [
              'GET /stores/{name}',
              oneS.n,
              duringOperations,
              millis(oneS.p50),
              millis(oneS.p99),
              millis(oneS.max),
            ],
          ],
          note: `All ${scale.apiStores} stores are real (made through the API before the timed part; ${setupFailures} of them failed). "during operations": requests made before the last of the ${scale.apiOperations} creates settled.`,
        },
        {
          title: 'CPU while the creates ran (run averages)',
          headers: ['API process, % of one core', 'machine, % of all cores'],
          rows: [[cpu(platform.apiProcess.name), peaks.machineBusyPct.toFixed(0)]],
          note: 'The API process has one JavaScript thread; the machine figure includes every process (other jobs too).',
        },
        {
          title: `SSE delivery delay to ${scale.sseSubscribers} subscribers (ms)`,
          headers: ['events timed', 'untimed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
          rows: [[sseS.n, untimed, millis(sseS.p50), millis(sseS.p95), millis(sseS.p99), millis(sseS.max)]],
          note: 'Delay: receive time minus the latest timestamp the event carries (its operation step, the operation, the store update or its health check): the time the change was recorded in PostgreSQL. An event no newer than the previous one of its store (sent again, or a change without a time of its own) is counted as untimed.',
        },
      ],
      targets: [
        atMost('api', 'GET /stores p99 (ms)', listS.p99, 50, (v) => v.toFixed(1), true),
        atMost('api', 'SSE delay p99 (ms)', sseS.p99, 1000, (v) => v.toFixed(0), true),
      ],
      data: {
        list,
        one,
        duringOperations,
        sseDelaysMs: delays,
        sseUntimed: untimed,
        listS,
        oneS,
        sseS,
        setupFailures,
      },
    };
  } finally {
    await platform.stop();
  }
}
