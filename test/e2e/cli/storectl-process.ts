import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import type { StoreView } from '@store-platform/contracts';
import { expect } from 'vitest';

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../apps/cli');

/**
 * storectl bundled as it is published (apps/cli/build.mjs), inside apps/cli so that the bundle finds its
 * dependencies as an installed package would; `remove` deletes it.
 */
export async function bundleStorectl(tag: string): Promise<{ bundle: string; remove: () => Promise<void> }> {
  const bundle = path.join(cliDir, 'dist', `${tag}-${process.pid}`, 'storectl.js');
  await promisify(execFile)(process.execPath, [path.join(cliDir, 'build.mjs'), bundle]);
  return { bundle, remove: () => rm(path.dirname(bundle), { recursive: true, force: true }) };
}

/**
 * Runs the bundle with `args`, the environment `env` only (beside PATH) and `stdin` (no terminal), as a script
 * would; never rejects: the exit code is the result.
 */
export function runStorectl(
  bundle: string,
  args: string[],
  env: Record<string, string | undefined>,
  stdin = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/**
 * The store as storectl prints it after `args` run with `--wait` (at most 170 s, a backup or restore on the local
 * control plane) and `-o json`; fails the test with storectl's stderr unless it exits 0.
 */
export async function followed(
  storectl: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>,
  args: string[],
): Promise<StoreView> {
  const result = await storectl([...args, '--wait', '--timeout', '170', '-o', 'json']);
  expect(result.code, `storectl ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as StoreView;
}

/**
 * storectl as a CI or cron job runs it: server and token from the environment, config kept under `home`.
 * The token is read at each run (a getter), since the tests make it once the provisioner is up.
 */
export const scriptStorectl =
  (bundle: () => string, home: () => string, server: () => string, token: () => string) => (args: string[]) =>
    runStorectl(bundle(), args, {
      HOME: home(),
      STORECTL_CONFIG_DIR: home(),
      STORECTL_SERVER: server(),
      STORECTL_TOKEN: token(),
    });
