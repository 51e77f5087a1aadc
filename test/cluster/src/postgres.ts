import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { freePort } from './net.js';
import { ProcessGroup } from './processes.js';
import { claimRunDir, runDirPrefix } from './stale-runs.js';
import { waitFor } from './wait.js';

const run = promisify(execFile);

/** A throwaway PostgreSQL server for one test run or one `make up`. */
export interface LocalPostgres {
  /** Connection URL of the `platform` database (trust authentication, 127.0.0.1 only). */
  url: string;
  /**
   * Stops the server and starts it again on the same port and data, resolving once it accepts queries: every
   * client connection is cut. `fast` is a clean shutdown (SIGINT); `immediate` is a crash (SIGQUIT: no
   * checkpoint, the start replays the WAL), as when a pod is killed. `downMs` keeps it stopped that long first.
   * https://www.postgresql.org/docs/current/server-shutdown.html
   */
  restart(options?: { mode?: 'fast' | 'immediate'; downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** PostgreSQL's server binaries from Debian's package (the newest installed major version). */
async function postgresBinDir(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  const newest = versions
    .map(Number)
    .filter(Number.isInteger)
    .sort((a, b) => b - a)[0];
  if (newest === undefined)
    throw new Error(`no PostgreSQL server in ${root}: install the Debian package postgresql`);
  return path.join(root, String(newest), 'bin');
}

/**
 * Starts PostgreSQL on 127.0.0.1 with its data in a new temp dir, as the `postgres` system user (the server
 * refuses root), with fsync off because the data dies with the run. Resolves once `platform` accepts queries.
 */
export async function startLocalPostgres(
  options: { log?: (message: string) => void } = {},
): Promise<LocalPostgres> {
  const log = options.log ?? (() => undefined);
  const bin = await postgresBinDir();
  const dir = await mkdtemp(path.join(os.tmpdir(), `${runDirPrefix}postgres-`));
  await claimRunDir(dir);
  const { stdout: ids } = await run('id', ['-u', 'postgres']);
  const { stdout: gids } = await run('id', ['-g', 'postgres']);
  await chown(dir, Number(ids), Number(gids));
  const data = path.join(dir, 'data');
  const group = new ProcessGroup(dir);
  const port = await freePort();
  try {
    const asPostgres = ['--reuid=postgres', '--regid=postgres', '--init-groups', '--'];
    await run('setpriv', [
      ...asPostgres,
      path.join(bin, 'initdb'),
      '-D',
      data,
      '-U',
      'platform',
      '--auth=trust',
      '-E',
      'UTF8',
    ]);
    log(`starting PostgreSQL (${bin}) on 127.0.0.1:${port}`);
    let server = await group.start(
      'postgres',
      path.join(bin, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=200',
      ],
      { user: 'postgres' },
    );
    const sql = (statement: string) =>
      run(path.join(bin, 'psql'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'platform',
        '-d',
        'postgres',
        '-c',
        statement,
      ]);
    const accepting = () =>
      waitFor('PostgreSQL to accept connections', async () => {
        await group.assertRunning(server);
        await sql('select 1');
        return true;
      });
    await accepting();
    await sql('create database platform');
    return {
      url: `postgres://platform@127.0.0.1:${port}/platform`,
      restart: async ({ mode = 'fast', downMs = 0 } = {}) => {
        log(`restarting PostgreSQL (${mode} shutdown, down ${downMs} ms)`);
        server = await group.restart(server, { signal: mode === 'fast' ? 'SIGINT' : 'SIGQUIT', downMs });
        await accepting();
      },
      stop: async () => {
        await group.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const logs = await group.logs();
    await group.stop();
    throw new Error(
      `PostgreSQL failed to start: ${error instanceof Error ? error.message : String(error)}\n${logs}`,
      { cause: error },
    );
  }
}

/**
 * Creates database `name` on the server of `serverUrl` (a LocalPostgres's url) and returns its URL: a test file or a
 * bench platform starts from an empty database of its own on a shared server.
 */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const url = new URL(serverUrl);
  await run(path.join(await postgresBinDir(), 'psql'), [
    '-h',
    url.hostname,
    '-p',
    url.port,
    '-U',
    decodeURIComponent(url.username),
    '-d',
    'postgres',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    `create database "${name}"`,
  ]);
  url.pathname = `/${name}`;
  return url.toString();
}
