import path from 'node:path';

import { repoRoot } from '@store-platform/test-cluster';

import { addKwokNodes, nodesFor } from '../bench-nodes.js';
import type { Table } from '../bench-stats.js';
import { startBenchPlatform, type BenchPlatform, type PlatformOptions } from '../platform.js';

/** The counts of one bench run: the numbers (`full`) or small ones for development (`quick`). */
export interface Scale {
  name: string;
  overheadRounds: number;
  fiftyStores: number;
  /** The count for the scaling runs (200): the table projects each run's total to it. */
  scalingTarget: number;
  /** Stores per scaling run (fewer than scalingTarget keeps the scenario near 25 minutes on 2 cores). */
  scalingStores: number;
  /** Stores of the concurrency-1 run (at ~5 s each, 200 would take ~17 minutes alone). */
  scalingStoresAtOne: number;
  scalingConcurrency: number[];
  /** WORKER_CONCURRENCY of the runs with 2 worker replicas. */
  scalingTwoReplicas: number[];
  apiStores: number;
  apiOperations: number;
  apiRequests: number;
  sseSubscribers: number;
  deletes: number;
}

/** A target of the issue and what was measured against it. */
export interface Target {
  scenario: string;
  name: string;
  target: string;
  measured: string;
  met: boolean;
  /** By how much it is missed, in words ("+0.06 over 1.15"); empty when met. */
  miss: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** The platform it ran on (processes, concurrency, nodes; fresh or reused). */
  platform: string;
  tables: Table[];
  targets: Target[];
  /** Every figure measured, for bench/results.json and the pictures. */
  data: Record<string, unknown>;
}

export interface ScenarioContext {
  scale: Scale;
  log: (message: string) => void;
}

/** A target "measured <= limit" (or < limit), with its miss in the target's unit. */
export function atMost(
  scenario: string,
  name: string,
  measured: number,
  limit: number,
  format: (value: number) => string,
  strict = false,
): Target {
  const met = strict ? measured < limit : measured <= limit;
  return {
    scenario,
    name,
    target: `${strict ? '<' : '<='} ${format(limit)}`,
    measured: format(measured),
    met,
    miss: met ? '' : `+${format(measured - limit)} (${((measured / limit - 1) * 100).toFixed(0)}% over)`,
  };
}

/** Starts a fresh bench platform with enough simulated nodes for `stores` stores, and says what it is. */
export async function benchPlatform(
  options: PlatformOptions,
  stores: number,
): Promise<{ platform: BenchPlatform; description: string }> {
  // Compiled, as the image runs it: tsx would add its own memory and start-up to what is measured.
  // The compiled provisioner's default chart path is relative to its build folder, which has no charts: name it.
  const platform = await startBenchPlatform({
    compiled: true,
    ...options,
    env: { STORE_CHART: path.join(repoRoot, 'helm-charts', 'store-instance'), ...options.env },
  });
  try {
    const nodes = nodesFor(stores);
    await addKwokNodes(platform.cluster.kubeconfig, nodes);
    const description =
      `fresh platform (provisioner compiled as in the image): 1 API process, ${options.workers} worker process(es) x WORKER_CONCURRENCY ${options.concurrency}, ` +
      `DATABASE_POOL_SIZE ${platform.env.DATABASE_POOL_SIZE}; 3 + ${nodes} simulated nodes`;
    return { platform, description };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}
