/**
 * `make bench`: the platform's own cost on the local control plane (test/bench/README.md). Scenarios and counts come
 * from the environment: BENCH_SCENARIOS=overhead,fifty,scaling,api,deletes (default all), BENCH_SCALE=full|quick
 * and BENCH_<COUNT> overrides (see scaleFromEnv). Prints the tables, writes bench/results.json, the pictures under
 * docs/images/bench-*.svg and the generated part of docs/benchmarks.md.
 */
import path from 'node:path';

import { repoRoot } from '@store-platform/test-cluster';

import { drawFigures } from './bench-figures.js';
import { printResults, runInfo, saveResults, writeDocs } from './bench-report.js';
import {
  benchPlatform,
  type Scale,
  type ScenarioContext,
  type ScenarioResult,
} from './scenarios/scenario.js';
import { apiLoad } from './scenarios/api-load.js';
import { deletes } from './scenarios/deletes.js';
import { fifty, fiftyPlatform } from './scenarios/fifty.js';
import { overhead } from './scenarios/overhead.js';
import { scaling } from './scenarios/scaling.js';
import { createAtOnce, storeNames } from './bench-stores.js';

const scales: Record<string, Scale> = {
  full: {
    name: 'full',
    overheadRounds: 7,
    fiftyStores: 50,
    scalingTarget: 200,
    scalingStores: 200,
    scalingStoresAtOne: 200,
    scalingConcurrency: [1, 5, 10],
    scalingTwoReplicas: [5, 10],
    apiStores: 500,
    apiOperations: 50,
    apiRequests: 300,
    sseSubscribers: 100,
    deletes: 50,
  },
  quick: {
    name: 'quick',
    overheadRounds: 2,
    fiftyStores: 6,
    scalingTarget: 8,
    scalingStores: 8,
    scalingStoresAtOne: 4,
    scalingConcurrency: [1, 5],
    scalingTwoReplicas: [5],
    apiStores: 12,
    apiOperations: 4,
    apiRequests: 40,
    sseSubscribers: 10,
    deletes: 6,
  },
};

const allScenarios = ['overhead', 'fifty', 'scaling', 'api', 'deletes'];

/** BENCH_SCALE, then one override per count: BENCH_OVERHEAD_ROUNDS=5, BENCH_SCALING_CONCURRENCY=1,5,10... */
function scaleFromEnv(env: NodeJS.ProcessEnv): Scale {
  const chosen = scales[env.BENCH_SCALE ?? 'full'];
  if (!chosen) throw new Error(`BENCH_SCALE must be one of ${Object.keys(scales).join(', ')}`);
  const scale: Scale = { ...chosen };
  const envName = (key: string) => `BENCH_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
  let changed = false;
  for (const key of Object.keys(scale) as (keyof Scale)[]) {
    const value = env[envName(key)];
    if (value === undefined || key === 'name') continue;
    const numbers = value.split(',').map(Number);
    if (numbers.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`${envName(key)}: ${value}`);
    (scale as unknown as Record<string, unknown>)[key] = Array.isArray(scale[key]) ? numbers : numbers[0];
    changed = true;
  }
  if (changed) scale.name = `${scale.name} with overrides`;
  return scale;
}

async function runScenarios(selected: string[], context: ScenarioContext): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const { scale, log } = context;
  if (selected.includes('overhead')) results.push(await overhead(context));
  if (selected.includes('fifty') || selected.includes('deletes')) {
    const stores = Math.max(selected.includes('fifty') ? scale.fiftyStores : 0, scale.deletes);
    const { platform, description } = await benchPlatform({ ...fiftyPlatform, log }, stores);
    try {
      let names: string[];
      if (selected.includes('fifty')) {
        const ran = await fifty(context, platform, description);
        results.push(ran.result);
        names = ran.names.slice(0, scale.deletes);
      } else {
        names = storeNames('gone', scale.deletes);
        await createAtOnce(platform.api, names, 30 * 60_000);
      }
      if (selected.includes('deletes')) {
        const reused = selected.includes('fifty')
          ? `reused: the platform and Running stores of scenario 2 (${description})`
          : `${description}; its ${names.length} stores made first, untimed`;
        results.push(await deletes(context, platform, names, reused));
      }
    } finally {
      await platform.stop();
    }
  }
  if (selected.includes('scaling')) results.push(await scaling(context));
  if (selected.includes('api')) results.push(await apiLoad(context));
  return results;
}

async function main() {
  const selected = (process.env.BENCH_SCENARIOS ?? allScenarios.join(',')).split(',').filter(Boolean);
  const unknown = selected.filter((s) => !allScenarios.includes(s));
  if (unknown.length)
    throw new Error(`unknown scenarios ${unknown.join(', ')}; known: ${allScenarios.join(', ')}`);
  const scale = scaleFromEnv(process.env);
  const log = (message: string) =>
    console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  const overrides = Object.entries(process.env)
    .filter(([key]) => key.startsWith('BENCH_'))
    .map(([key, value]) => `${key}=${value}`)
    .sort();
  const command = [...overrides, 'make bench'].join(' ');
  log(`scenarios ${selected.join(', ')}, scale ${scale.name}`);
  const info = await runInfo(command, scale.name);
  const ran = await runScenarios(selected, { scale, log });
  console.log(`\n${printResults(ran)}`);
  const results = await saveResults(ran, info);
  const figures = await drawFigures(results.scenarios, path.join(repoRoot, 'docs', 'images'));
  await writeDocs(results, figures);
  log('wrote bench/results.json, docs/images/bench-*.svg and docs/benchmarks.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
