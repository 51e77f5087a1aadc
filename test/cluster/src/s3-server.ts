import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './net.js';
import { ProcessGroup } from './processes.js';
import { claimRunDir, runDirPrefix } from './stale-runs.js';
import { toolsBinDir } from './tools.js';
import { waitFor } from './wait.js';

/** A throwaway S3-compatible server on loopback: `rclone serve s3` over a temp folder. */
export interface LocalS3 {
  /** e.g. http://127.0.0.1:23456 (path-style addressing). */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The folder holding the bucket: `{dir}/{bucket}/{key}` is each object's file. */
  dir: string;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts rclone (built by `make tools`, pinned in tools/versions.env) serving S3 on 127.0.0.1 with generated keys
 * and one bucket: the same server the store-platform chart runs as the local backup store. Objects are files in
 * `dir`, so a test can corrupt one by writing to it.
 */
export async function startLocalS3(options: { bucket?: string } = {}): Promise<LocalS3> {
  const rclone = path.join(toolsBinDir(), 'rclone');
  await access(rclone, constants.X_OK).catch(() => {
    throw new Error(`no rclone in ${toolsBinDir()}: run \`make tools\` first`);
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), `${runDirPrefix}s3-`));
  await claimRunDir(dir);
  const bucket = options.bucket ?? 'store-backups';
  const data = path.join(dir, 'data');
  await mkdir(path.join(data, bucket), { recursive: true });
  const accessKeyId = `test${randomBytes(6).toString('hex')}`;
  const secretAccessKey = randomBytes(24).toString('hex');
  const port = await freePort();
  const group = new ProcessGroup(dir);
  try {
    const server = await group.start('rclone', rclone, [
      'serve',
      's3',
      '--config',
      path.join(dir, 'rclone.conf'),
      '--addr',
      `127.0.0.1:${port}`,
      '--auth-key',
      `${accessKeyId},${secretAccessKey}`,
      data,
    ]);
    await waitFor(`rclone serve s3 on 127.0.0.1:${port}`, async () => {
      await group.assertRunning(server);
      return (await accepts(port)) || undefined;
    });
    return {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket,
      accessKeyId,
      secretAccessKey,
      dir: data,
      stop: async () => {
        await group.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const logs = await group.logs();
    await group.stop();
    throw new Error(
      `rclone serve s3 failed to start: ${error instanceof Error ? error.message : String(error)}\n${logs}`,
      { cause: error },
    );
  }
}
