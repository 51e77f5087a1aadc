import { execFile } from 'node:child_process';
import path from 'node:path';

import type * as k8s from '@kubernetes/client-node';
import { repoRoot } from '@store-platform/test-cluster';

import { bucketKeysOf, envOf } from './backup-job-agent.js';

/**
 * What stands in, on the host, for what a store's Job reaches in its namespace and cannot exist here: its database
 * (a database and user of the test's MariaDB) and its uploads claim (a folder).
 */
export interface StoreStandIn {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  uploadsDir: string;
}

/** A Job played by the real tool: which, and the summary line the tool printed. */
export interface PlayedJob {
  /** "<namespace>/<name>" */
  job: string;
  command: string;
  store: string;
  summary: Record<string, unknown>;
  seconds: number;
  /** When the tool exited (ms since the epoch). */
  finishedAt: number;
}

const cli = path.join(repoRoot, 'apps', 'store-backup', 'src', 'cli.ts');
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

/**
 * A `play` for startJobAgent that runs the real apps/store-backup CLI (`backup` or `restore`, the Job's
 * args[0]) on the host with the Job's own environment (bucket, BACKUP_ID/BACKUP_KEY, SITE_URL, STORE_NAME,
 * ENGINE...) and the bucket's keys from the Job's Secret; only the database (DB_HOST/PORT/NAME/USER/PASSWORD) and
 * UPLOADS_DIR are mapped to the store's stand-in. Rejects with the tool's exit code and stderr when it fails.
 */
export function realToolPlay(standInOf: (store: string) => StoreStandIn) {
  return async (kc: k8s.KubeConfig, job: k8s.V1Job): Promise<PlayedJob> => {
    const key = `${job.metadata?.namespace}/${job.metadata?.name}`;
    const command = job.spec?.template.spec?.containers[0]?.args?.[0] ?? '';
    const env = envOf(job);
    const store = env.STORE_NAME ?? '';
    const standIn = standInOf(store);
    const keys = await bucketKeysOf(kc, job);
    const started = Date.now();
    const { code, stdout, stderr } = await run([command], {
      ...env,
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      DB_HOST: standIn.host,
      DB_PORT: String(standIn.port),
      DB_NAME: standIn.database,
      DB_USER: standIn.user,
      DB_PASSWORD: standIn.password,
      UPLOADS_DIR: standIn.uploadsDir,
    });
    if (code !== 0) throw new Error(`store-backup ${command} for Job ${key} exited with ${code}: ${stderr}`);
    const last = stdout.trim().split('\n').at(-1) ?? '{}';
    return {
      job: key,
      command,
      store,
      summary: JSON.parse(last) as Record<string, unknown>,
      seconds: (Date.now() - started) / 1000,
      finishedAt: Date.now(),
    };
  };
}

/** Runs the CLI with exactly `env` (plus PATH and HOME), as the Job's container would. */
function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      tsx,
      [cli, ...args],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        maxBuffer: 16 << 20,
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}
