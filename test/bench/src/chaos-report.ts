/** The chaos run's table on the terminal, and its JSON record. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { ChaosResult } from './chaos.js';

/** The table `make chaos` prints: what was injected and when, the outcomes, then each check. */
export function chaosTable(result: ChaosResult): string {
  const lines = ['', 'Injected (seconds after the stores were requested)'];
  for (const i of result.injections) {
    const took = ((i.endedAt - i.startedAt) / 1000).toFixed(1);
    lines.push(
      `  ${i.at.toFixed(1).padStart(6)} s  ${i.what.padEnd(42)} ${took.padStart(5)} s  ${i.detail ?? ''}`,
    );
  }
  lines.push('', 'Outcome');
  for (const [status, count] of Object.entries(result.outcomes))
    lines.push(`  ${status.padEnd(14)} ${count}`);
  lines.push(`  settled after  ${result.settleSeconds.toFixed(0)} s`);
  lines.push(`  stream opened  ${result.streamConnections} time(s)`, '', 'Checks');
  for (const check of result.checks) {
    lines.push(`  ${check.pass ? 'PASS' : 'FAIL'}  ${check.name.padEnd(48)} ${check.detail}`);
  }
  lines.push('', `Process logs: ${result.logDir}`);
  return lines.join('\n');
}

/** Writes the result as JSON (the stores without their step details). */
export async function writeChaosResults(file: string, result: ChaosResult): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const stores = result.stores.map((s) => ({
    name: s.name,
    status: s.status,
    reason: s.reason,
    operation: s.operation && { kind: s.operation.kind, phase: s.operation.phase },
  }));
  await writeFile(file, `${JSON.stringify({ ...result, stores }, null, 2)}\n`);
}
