/**
 * `make chaos`: 50 stores at once on 2 workers while 8 workers are SIGKILLed 5 s apart, PostgreSQL and the
 * kube-apiserver are restarted once each and 5 stores are deleted; prints the table, writes
 * bench/chaos-results.json, and exits 1 when a check fails. CHAOS_STORES and CHAOS_KILLS change the sizes.
 */
import path from 'node:path';

import { repoRoot } from '@store-platform/test-cluster';

import { runChaos } from './chaos.js';
import { chaosTable, writeChaosResults } from './chaos-report.js';

const stores = Number(process.env.CHAOS_STORES ?? 50);
const kills = Number(process.env.CHAOS_KILLS ?? 8);
const started = Date.now();
const log = (message: string) =>
  process.stdout.write(`[chaos ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

const result = await runChaos({
  stores,
  workers: 2,
  concurrency: 5,
  prefix: 'chaos',
  kills,
  firstKillMs: 5_000,
  killEveryMs: 5_000,
  postgresAtMs: 12_000,
  postgresDownMs: 5_000,
  apiserverAtMs: 30_000,
  apiserverDownMs: 3_000,
  deletes: 5,
  // The three simulated nodes hold about 40 basic stores (their requests): two more for 50.
  extraNodes: 2,
  deleteAtMs: 20_000,
  settleTimeoutMs: 15 * 60_000,
  log,
});
process.stdout.write(`${chaosTable(result)}\n`);
const file = path.join(repoRoot, 'bench', 'chaos-results.json');
await writeChaosResults(file, result);
process.stdout.write(`Results: ${path.relative(process.cwd(), file)}\n`);
process.exit(result.checks.every((c) => c.pass) ? 0 : 1);
