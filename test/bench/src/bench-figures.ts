import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

import { percentile } from './bench-stats.js';
import type { CreateTiming } from './bench-stores.js';
import type { ScenarioResult } from './scenarios/scenario.js';

/**
 * The pictures of docs/benchmarks.md, drawn as SVG by vega-lite + vega in Node (no canvas, no browser):
 * docs/decisions/015-bench-figures.md says why.
 */
async function svgOf(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return `${svg}\n`;
}

const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'white' } as const;
const s = (ms: number) => Math.round(ms) / 1000;

function overheadFigures(result: ScenarioResult): Record<string, TopLevelSpec> {
  const api = result.data.api as CreateTiming[];
  const raw = result.data.rawMs as number[];
  const rounds = [
    ...api.map((t, i) => ({ round: i + 1, run: 'POST -> Running (API)', seconds: s(t.totalMs) })),
    ...raw.map((ms, i) => ({ round: i + 1, run: 'helm upgrade --install --wait', seconds: s(ms) })),
  ];
  const stepNames = [...new Set(api.flatMap((t) => t.steps.map((step) => step.name)))];
  const order = [
    'POST -> recorded',
    'queue wait',
    ...stepNames,
    'gaps between steps',
    'last step -> Running',
  ];
  const parts = api.flatMap((t, i) =>
    [
      { part: 'POST -> recorded', seconds: s(t.acceptMs) },
      { part: 'queue wait', seconds: s(t.queueMs) },
      ...t.steps.map((step) => ({ part: step.name, seconds: s(step.ms) })),
      { part: 'gaps between steps', seconds: s(t.gapsMs) },
      { part: 'last step -> Running', seconds: s(t.tailMs) },
    ].map((p) => ({ ...p, round: i + 1, order: order.indexOf(p.part) })),
  );
  return {
    'bench-overhead': {
      ...base,
      title: 'Overhead: each round, POST -> Running vs raw Helm install (s)',
      data: { values: rounds },
      mark: 'bar',
      width: 360,
      height: 220,
      encoding: {
        x: { field: 'round', type: 'ordinal', title: 'round' },
        xOffset: { field: 'run' },
        y: { field: 'seconds', type: 'quantitative', title: 'seconds' },
        color: { field: 'run', type: 'nominal', legend: { orient: 'bottom', title: null, labelLimit: 300 } },
      },
    },
    'bench-overhead-steps': {
      ...base,
      title: 'Where each API create spends its time (s)',
      data: { values: parts },
      mark: 'bar',
      width: 360,
      height: 220,
      encoding: {
        x: { field: 'round', type: 'ordinal', title: 'round' },
        y: { field: 'seconds', type: 'quantitative', stack: 'zero', title: 'seconds' },
        color: {
          field: 'part',
          type: 'nominal',
          scale: { domain: order },
          legend: { orient: 'right', title: 'part (in order)', labelLimit: 200 },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  };
}

function fiftyFigure(result: ScenarioResult): Record<string, TopLevelSpec> {
  const stores = result.data.stores as CreateTiming[];
  const t0 = Math.min(...stores.map((t) => t.postedAt));
  const sorted = [...stores].sort((a, b) => a.postedAt + a.totalMs - (b.postedAt + b.totalMs));
  const bars = sorted.flatMap((t, i) => {
    const queued = t.postedAt + t.acceptMs - t0;
    return [
      { store: i + 1, part: 'queue wait', from: s(queued), to: s(queued + t.queueMs) },
      { store: i + 1, part: 'work', from: s(queued + t.queueMs), to: s(queued + t.queueMs + t.workMs) },
    ];
  });
  return {
    'bench-fifty-timeline': {
      ...base,
      title: `${stores.length} stores at once: queue wait and work per store (sorted by Running time)`,
      data: { values: bars },
      mark: 'bar',
      width: 420,
      height: Math.max(120, stores.length * 6),
      encoding: {
        y: { field: 'store', type: 'ordinal', title: 'store', axis: { labels: false, ticks: false } },
        x: { field: 'from', type: 'quantitative', title: 'seconds since the first POST' },
        x2: { field: 'to' },
        color: { field: 'part', type: 'nominal', legend: { orient: 'bottom', title: null, labelLimit: 300 } },
      },
    },
  };
}

function scalingFigure(result: ScenarioResult): Record<string, TopLevelSpec> {
  const runs = result.data.runs as { replicas: number; concurrency: number; projectedMs: number }[];
  return {
    'bench-scaling': {
      ...base,
      title: 'Total time for the scaling run vs WORKER_CONCURRENCY and worker replicas (s)',
      data: {
        values: runs.map((r) => ({ ...r, workers: `${r.replicas} worker(s)`, seconds: s(r.projectedMs) })),
      },
      mark: { type: 'line', point: true },
      width: 360,
      height: 220,
      encoding: {
        x: {
          field: 'concurrency',
          type: 'quantitative',
          title: 'WORKER_CONCURRENCY (log scale)',
          scale: { type: 'log', base: 2 },
          axis: { values: [...new Set(runs.map((r) => r.concurrency))], format: 'd', grid: false },
        },
        y: { field: 'seconds', type: 'quantitative', title: 'seconds until the last is Running (projected)' },
        color: {
          field: 'workers',
          type: 'nominal',
          legend: { orient: 'bottom', title: null, labelLimit: 300 },
        },
      },
    },
  };
}

function apiFigure(result: ScenarioResult): Record<string, TopLevelSpec> {
  // The tables' percentiles (interpolated), so the picture and the table agree.
  const stat = (name: string, values: number[]) => [
    { what: name, percentile: 'p50', ms: percentile(values, 50) },
    { what: name, percentile: 'p99', ms: percentile(values, 99) },
  ];
  const data = result.data as { list: number[]; one: number[]; sseDelaysMs: number[] };
  return {
    'bench-api': {
      ...base,
      title: 'API under load: latency p50 and p99 (ms)',
      data: {
        values: [
          ...stat('GET /stores', data.list),
          ...stat('GET /stores/{name}', data.one),
          ...stat('SSE delivery delay', data.sseDelaysMs),
        ],
      },
      mark: 'bar',
      width: 420,
      height: 220,
      encoding: {
        x: { field: 'what', type: 'nominal', title: null, axis: { labelAngle: 0, labelLimit: 200 } },
        xOffset: { field: 'percentile' },
        y: { field: 'ms', type: 'quantitative', title: 'ms' },
        color: {
          field: 'percentile',
          type: 'nominal',
          legend: { orient: 'bottom', title: null, labelLimit: 300 },
        },
      },
    },
  };
}

const figuresOf: Record<string, (result: ScenarioResult) => Record<string, TopLevelSpec>> = {
  overhead: overheadFigures,
  fifty: fiftyFigure,
  scaling: scalingFigure,
  api: apiFigure,
};

/** Writes the pictures of the results to `dir` (docs/images) and returns their file names by scenario. */
export async function drawFigures(results: ScenarioResult[], dir: string): Promise<Record<string, string[]>> {
  await mkdir(dir, { recursive: true });
  const written: Record<string, string[]> = {};
  for (const result of results) {
    const specs = figuresOf[result.id]?.(result) ?? {};
    for (const [name, spec] of Object.entries(specs)) {
      await writeFile(path.join(dir, `${name}.svg`), await svgOf(spec));
      (written[result.id] ??= []).push(`${name}.svg`);
    }
  }
  return written;
}
