import { prepareRawStore, timeHelmStatus, timeRawInstall } from '../bench-raw-helm.js';
import { millis, percentile, seconds, summarize } from '../bench-stats.js';
import { createTiming, postStore, waitSettled, type CreateTiming } from '../bench-stores.js';
import { atMost, benchPlatform, type ScenarioContext, type ScenarioResult } from './scenario.js';

/**
 * Scenario 1: POST -> Running of one store at a time through the API, interleaved with `helm upgrade --install
 * --wait` of the same chart and values run directly (what the provisioner makes before its install step is made
 * for the raw install too, untimed). The order alternates each round, so neither always runs on a warmer cluster.
 */
export async function overhead({ scale, log }: ScenarioContext): Promise<ScenarioResult> {
  const rounds = scale.overheadRounds;
  const { platform, description } = await benchPlatform({ workers: 1, concurrency: 5, log }, rounds * 2);
  const api: CreateTiming[] = [];
  const raw: number[] = [];
  const status: number[] = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      const viaApi = async () => {
        const name = `api-${round}`;
        const postedAt = await postStore(platform.api, name);
        const store = await waitSettled(platform.api, name);
        if (store.status !== 'running') throw new Error(`store ${name} failed: ${store.reason ?? ''}`);
        api.push(createTiming(name, postedAt, store));
      };
      const viaHelm = async () => {
        await prepareRawStore(platform, `raw-${round}`);
        status.push(await timeHelmStatus(platform, `raw-${round}`));
        raw.push(await timeRawInstall(platform, `raw-${round}`));
      };
      if (round % 2 === 0) {
        await viaApi();
        await viaHelm();
      } else {
        await viaHelm();
        await viaApi();
      }
      log(
        `overhead round ${round + 1}/${rounds}: API ${seconds(api.at(-1)!.totalMs)} s, Helm ${seconds(raw.at(-1)!)} s`,
      );
    }
  } finally {
    await platform.stop();
  }
  const apiMs = api.map((t) => t.totalMs);
  const apiS = summarize(apiMs);
  const rawS = summarize(raw);
  const ratio50 = apiS.p50 / rawS.p50;
  const ratio95 = apiS.p95 / rawS.p95;
  const stepNames = [...new Set(api.flatMap((t) => t.steps.map((s) => s.name)))];
  const part = (pick: (t: CreateTiming) => number) => {
    const values = api.map(pick);
    return [millis(percentile(values, 50)), millis(percentile(values, 95)), millis(Math.max(...values))];
  };
  const stepOf = (t: CreateTiming, name: string) => t.steps.find((s) => s.name === name)?.ms ?? 0;
  return {
    id: 'overhead',
    title: '1. Overhead: POST -> Running against a raw Helm install',
    platform: description,
    tables: [
      {
        title: `Overhead (${rounds} interleaved rounds)`,
        headers: ['', 'median s', 'p95 s', 'min s', 'max s'],
        rows: [
          [
            'POST -> Running (API)',
            seconds(apiS.p50),
            seconds(apiS.p95),
            seconds(apiS.min),
            seconds(apiS.max),
          ],
          [
            'helm upgrade --install --wait',
            seconds(rawS.p50),
            seconds(rawS.p95),
            seconds(rawS.min),
            seconds(rawS.max),
          ],
          ['ratio API / Helm', ratio50.toFixed(3), ratio95.toFixed(3), '', ''],
        ],
        note: 'Ratios are median/median and p95/p95 (target <= 1.15 each).',
      },
      {
        title: 'Where the API run spends its time (ms)',
        headers: ['part', 'p50 ms', 'p95 ms', 'max ms'],
        rows: [
          ['POST -> operation recorded', ...part((t) => t.acceptMs)],
          ['queue wait (startedAt - createdAt)', ...part((t) => t.queueMs)],
          ...stepNames.map((name) => [`step ${name}`, ...part((t) => stepOf(t, name))]),
          ['gaps between steps', ...part((t) => t.gapsMs)],
          ['last step -> Running', ...part((t) => t.tailMs)],
          ['total POST -> Running', ...part((t) => t.totalMs)],
          [
            'for comparison: helm status alone',
            millis(percentile(status, 50)),
            millis(percentile(status, 95)),
            millis(Math.max(...status)),
          ],
        ],
        note: 'Times from the operation as recorded (createdAt, startedAt, each step, finishedAt), against the client clock of the POST (same machine). The last row times one `helm status` alone (what un-sticking a pending release runs before the install when the namespace existed), untimed in the raw runs: the cost of one more helm process.',
      },
    ],
    targets: [
      atMost('overhead', 'median ratio API / Helm', ratio50, 1.15, (v) => v.toFixed(3)),
      atMost('overhead', 'p95 ratio API / Helm', ratio95, 1.15, (v) => v.toFixed(3)),
    ],
    data: {
      rounds,
      api,
      rawMs: raw,
      helmStatusMs: status,
      api_summary: apiS,
      raw_summary: rawS,
      ratio50,
      ratio95,
    },
  };
}
