// Runs the CLI as a Job would (`tsx src/cli.ts <command>` with an environment), for the integration tests.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { LocalS3 } from '@store-platform/test-cluster';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.resolve(app, '..', '..', 'node_modules', '.bin', 'tsx');

/** How a run of the CLI ended. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `store-backup ...args` with exactly `env` (plus PATH and HOME) and collects its output. */
export function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return new Promise((resolve) => {
    execFile(
      tsx,
      [path.join(app, 'src', 'cli.ts'), ...args],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...clean },
        maxBuffer: 16 << 20,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The S3_* and AWS_* variables for a local S3 server. */
export const s3Env = (s3: LocalS3, prefix = '') => ({
  S3_ENDPOINT: s3.endpoint,
  S3_BUCKET: s3.bucket,
  S3_REGION: s3.region,
  S3_PREFIX: prefix,
  S3_FORCE_PATH_STYLE: 'true',
  AWS_ACCESS_KEY_ID: s3.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
});

/** The summary line a command printed (its last stdout line), parsed. */
export function summaryOf(result: CliResult): Record<string, unknown> {
  const last = result.stdout.trim().split('\n').at(-1);
  if (!last) throw new Error(`no summary on stdout; stderr: ${result.stderr}`);
  return JSON.parse(last) as Record<string, unknown>;
}

/** Writes an uploads folder like WordPress's (year/month folders of images) with random binary files. */
export async function makeUploads(dir: string, files: Record<string, number>): Promise<void> {
  for (const [name, size] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), randomBytes(size));
  }
}

/** Every file under `dir` (relative path) with its sha256: what a user compares to say "byte for byte". */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, full)] = createHash('sha256')
      .update(await readFile(full))
      .digest('hex');
  }
  return result;
}
