import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { freePort } from './net.js';
import { ProcessGroup } from './processes.js';
import { claimRunDir, runDirPrefix } from './stale-runs.js';
import { waitFor } from './wait.js';

const run = promisify(execFile);

/** A throwaway MariaDB server (Debian's mariadb-server) for a test file: root over TCP on 127.0.0.1. */
export interface LocalMariaDb {
  host: string;
  port: number;
  /** Password of `root`@`%`, who may do everything (grant included). */
  rootPassword: string;
  /** Runs SQL as root through the `mariadb` client (statements on stdin); resolves with its tab-separated output. */
  sql(statements: string, database?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Runs the `mariadb` client with `statements` on stdin (no password on the command line). */
export async function mariaDbClient(
  connection: { host: string; port: number; user: string; password: string; database?: string },
  statements: string,
): Promise<string> {
  const child = execFile(
    'mariadb',
    [
      '--no-defaults',
      '--batch',
      '--skip-column-names',
      `--host=${connection.host}`,
      `--port=${connection.port}`,
      `--user=${connection.user}`,
      ...(connection.database ? [connection.database] : []),
    ],
    // The client reads MYSQL_PWD: fine for a test server, and kept out of argv all the same.
    { env: { ...process.env, MYSQL_PWD: connection.password }, maxBuffer: 64 * 1024 * 1024 },
  );
  const output = new Promise<string>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`mariadb exited with code ${code}: ${stderr.trim()}`)),
    );
  });
  // A client refused at login exits before reading its input: the exit code and stderr above say why, not EPIPE.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(statements);
  return output;
}

/**
 * Starts MariaDB on 127.0.0.1 and a free port with its data in a new temp dir, as the `mysql` system user (the
 * server refuses root), skip-name-resolve (accounts match by address) and no durability (the data dies with the
 * run). Resolves once root can log in over TCP with a generated password.
 */
export async function startLocalMariaDb(
  options: { log?: (message: string) => void } = {},
): Promise<LocalMariaDb> {
  const log = options.log ?? (() => undefined);
  const dir = await mkdtemp(path.join(os.tmpdir(), `${runDirPrefix}mariadb-`));
  await claimRunDir(dir);
  const { stdout: ids } = await run('id', ['-u', 'mysql']).catch(() => {
    throw new Error('no `mysql` system user: install the Debian packages mariadb-server and mariadb-client');
  });
  const { stdout: gids } = await run('id', ['-g', 'mysql']);
  await chown(dir, Number(ids), Number(gids));
  // The server's own temp folder: with the system's /tmp, servers of test files running at once (and
  // mariadb-install-db's bootstrap) were seen removing each other's temporary tables.
  const tmp = path.join(dir, 'tmp');
  await mkdir(tmp);
  await chown(tmp, Number(ids), Number(gids));
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'mariadb.sock');
  const port = await freePort();
  const config = path.join(dir, 'my.cnf');
  await writeFile(
    config,
    [
      '[mariadbd]',
      `datadir=${data}`,
      `socket=${socket}`,
      `tmpdir=${tmp}`,
      `pid-file=${path.join(dir, 'mariadb.pid')}`,
      'bind-address=127.0.0.1',
      `port=${port}`,
      'skip-name-resolve',
      'skip-log-bin',
      'innodb-flush-log-at-trx-commit=0',
      'innodb-buffer-pool-size=64M',
      'max-connections=100',
      '',
    ].join('\n'),
  );
  const group = new ProcessGroup(dir);
  const rootPassword = randomBytes(12).toString('hex');
  try {
    await run('setpriv', [
      '--reuid=mysql',
      '--regid=mysql',
      '--init-groups',
      '--',
      'mariadb-install-db',
      `--defaults-file=${config}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
    log(`starting MariaDB on 127.0.0.1:${port}`);
    const server = await group.start('mariadbd', 'mariadbd', [`--defaults-file=${config}`], {
      user: 'mysql',
    });
    // root@localhost has no password yet and logs in over the socket only; root@'%' is what tests use.
    const overSocket = (statements: string) =>
      run('mariadb', ['--no-defaults', `--socket=${socket}`, '--user=root', '-e', statements]);
    await waitFor('MariaDB to accept connections', async () => {
      await group.assertRunning(server);
      await overSocket('select 1');
      return true;
    });
    // mariadb-install-db also makes password-less root@127.0.0.1, root@::1 and root@{hostname}; those would match
    // a TCP login before root@'%', so they go.
    const { stdout: hosts } = await overSocket(
      "SELECT host FROM mysql.user WHERE user = 'root' AND host <> 'localhost'",
    );
    const drops = hosts
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((h) => `DROP USER 'root'@'${h}';`);
    await overSocket(
      `${drops.join(' ')} CREATE USER 'root'@'%' IDENTIFIED BY '${rootPassword}'; GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;`,
    );
    const host = '127.0.0.1';
    return {
      host,
      port,
      rootPassword,
      sql: (statements, database) =>
        mariaDbClient({ host, port, user: 'root', password: rootPassword, database }, statements),
      stop: async () => {
        await group.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const logs = await group.logs();
    await group.stop();
    throw new Error(
      `MariaDB failed to start: ${error instanceof Error ? error.message : String(error)}\n${logs}`,
      {
        cause: error,
      },
    );
  }
}
