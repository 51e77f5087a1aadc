/**
 * The short chaos run (the full one is `make chaos`), on a bench platform of its own (a second local control
 * plane, PostgreSQL, one API and two worker processes), so that its restarts do not reach the other test files:
 * 6 stores requested at once while 2 workers are SIGKILLed, PostgreSQL crashes and the kube-apiserver is killed
 * and started again, one store is deleted. Every store ends Running or Failed-and-cleaned, nothing is stuck or
 * orphaned, no release is duplicated, live updates resume after PostgreSQL came back, and the operations in flight
 * across the API server's restart end Running.
 */
import { expect, it } from 'vitest';

import { runChaos } from './src/chaos.js';
import { chaosTable } from './src/chaos-report.js';

it('survives worker kills, a PostgreSQL crash and a kube-apiserver restart during a run', async () => {
  const result = await runChaos({
    stores: 6,
    workers: 2,
    concurrency: 2,
    prefix: 'chaos-short',
    kills: 2,
    firstKillMs: 2_000,
    killEveryMs: 12_000,
    postgresAtMs: 5_000,
    postgresDownMs: 3_000,
    apiserverAtMs: 10_000,
    apiserverDownMs: 2_000,
    deletes: 1,
    extraNodes: 0,
    deleteAtMs: 8_000,
    settleTimeoutMs: 150_000,
    log: () => undefined,
  });
  // The table goes to the run's output, so that a passing run still says what was injected and seen.
  process.stdout.write(`${chaosTable(result)}\n`);
  const failed = result.checks.filter((c) => !c.pass);
  expect(failed, chaosTable(result)).toEqual([]);
  expect(result.injections.map((i) => i.what).sort()).toEqual([
    'PostgreSQL restart (immediate shutdown)',
    'SIGKILL worker #1',
    'SIGKILL worker #2',
    'kube-apiserver restart (SIGKILL)',
  ]);
}, 240_000);
