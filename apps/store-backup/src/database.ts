import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Command } from './run.js';

/** How to reach one database: its kind, server and the account used. */
export interface DatabaseTarget {
  kind: 'mysql' | 'postgres';
  host: string;
  port: number;
  name: string;
  user: string;
  password: string;
}

/** The client commands for one database, with the password kept out of argv; `close()` removes its temp file. */
export interface DatabaseClient {
  /** Writes the whole database as SQL to stdout. */
  dump: Command;
  /** Reads SQL from stdin and runs it, stopping at the first error. */
  load: Command;
  /** Runs one statement (or several) given as the last argument; output as tab-separated rows. */
  query(sql: string): Command;
  close(): Promise<void>;
}

/** A MySQL option-file value in double quotes: backslashes and quotes escaped. */
const optionValue = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * MariaDB/MySQL clients read the account from an option file (mode 0600, in a private temp dir) given with
 * --defaults-extra-file, which must be their first argument; a password on the command line would show in
 * `ps`, and MYSQL_PWD is deprecated. https://mariadb.com/kb/en/configuring-mariadb-with-option-files/
 */
async function mysqlClient(target: DatabaseTarget): Promise<DatabaseClient> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'store-backup-'));
  await chmod(dir, 0o700);
  const file = path.join(dir, 'client.cnf');
  const lines = [
    '[client]',
    `host=${optionValue(target.host)}`,
    `port=${target.port}`,
    `user=${optionValue(target.user)}`,
    `password=${optionValue(target.password)}`,
    'default-character-set=utf8mb4',
    '',
  ];
  await writeFile(file, lines.join('\n'), { mode: 0o600 });
  const defaults = `--defaults-extra-file=${file}`;
  return {
    dump: {
      binary: 'mysqldump',
      // --single-transaction: one consistent InnoDB snapshot while the shop keeps writing (no table locks);
      // --no-tablespaces: needs no PROCESS privilege, which the store's user does not have.
      args: [
        defaults,
        '--single-transaction',
        '--routines',
        '--triggers',
        '--no-tablespaces',
        '--hex-blob',
        target.name,
      ],
    },
    load: { binary: 'mysql', args: [defaults, '--batch', target.name] },
    query: (sql) => ({
      binary: 'mysql',
      args: [defaults, '--batch', '--skip-column-names', target.name, '-e', sql],
    }),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** psql and pg_dump read the password from PGPASSWORD, which only the child process sees. */
function postgresClient(target: DatabaseTarget): DatabaseClient {
  const env = {
    PGHOST: target.host,
    PGPORT: String(target.port),
    PGDATABASE: target.name,
    PGUSER: target.user,
    PGPASSWORD: target.password,
  };
  return {
    // Plain SQL that recreates what it holds (--clean --if-exists) and names no owner or grants, so that it
    // loads into another store's database under that store's user (a clone).
    dump: {
      binary: 'pg_dump',
      args: ['--format=plain', '--no-owner', '--no-privileges', '--clean', '--if-exists'],
      env,
    },
    // One transaction: a failed load leaves the database as it was.
    load: {
      binary: 'psql',
      args: ['--no-psqlrc', '--quiet', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', '-'],
      env,
    },
    query: (sql) => ({
      binary: 'psql',
      args: ['--no-psqlrc', '--quiet', '--tuples-only', '--no-align', '-v', 'ON_ERROR_STOP=1', '-c', sql],
      env,
    }),
    close: async () => undefined,
  };
}

/** The client commands for `target`. */
export function databaseClient(target: DatabaseTarget): Promise<DatabaseClient> {
  return target.kind === 'mysql' ? mysqlClient(target) : Promise.resolve(postgresClient(target));
}
