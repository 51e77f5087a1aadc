import { Readable } from 'node:stream';

import type { RotateEnv } from './config.js';
import { databaseClient } from './database.js';
import { usageError } from './errors.js';
import { run } from './run.js';
import { mysqlIdentifier, mysqlString } from './sql.js';

/** The statements that make `user` able to log in with `password` and use `database`; safe to run again. */
export function createUserStatements(user: string, password: string, database: string): string {
  const account = `${mysqlString(user)}@'%'`;
  return [
    `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${mysqlString(password)};`,
    // A user left by an earlier attempt gets this attempt's password.
    `ALTER USER ${account} IDENTIFIED BY ${mysqlString(password)};`,
    `GRANT ALL PRIVILEGES ON ${mysqlIdentifier(database)}.* TO ${account};`,
    '',
  ].join('\n');
}

/** The statement that removes `user` (no error when it is already gone). */
export const dropUserStatement = (user: string) => `DROP USER IF EXISTS ${mysqlString(user)}@'%';\n`;

/**
 * `rotate-db-user create|drop`, with the database's root account. The statements go through the client's stdin,
 * so that no password shows in a process list. MariaDB has no dual passwords, so rotation is a second user
 * (docs/decisions/012-backups.md).
 */
export async function rotateDbUser(action: string | undefined, env: RotateEnv): Promise<string> {
  if (action !== 'create' && action !== 'drop') throw usageError('usage: rotate-db-user create|drop');
  if (env.DB_KIND === 'postgres') throw usageError('rotate-db-user is not supported for postgres yet');
  let sql: string;
  let user: string;
  if (action === 'create') {
    if (!env.NEW_DB_USER || !env.NEW_DB_PASSWORD) {
      throw usageError('invalid environment: rotate-db-user create needs NEW_DB_USER and NEW_DB_PASSWORD');
    }
    user = env.NEW_DB_USER;
    sql = createUserStatements(user, env.NEW_DB_PASSWORD, env.DB_NAME);
  } else {
    if (!env.OLD_DB_USER) throw usageError('invalid environment: rotate-db-user drop needs OLD_DB_USER');
    if (env.OLD_DB_USER === 'root') throw usageError('rotate-db-user drop refuses to drop root');
    user = env.OLD_DB_USER;
    sql = dropUserStatement(user);
  }
  const db = await databaseClient({
    kind: 'mysql',
    host: env.DB_HOST,
    port: env.DB_PORT,
    name: env.DB_NAME,
    user: 'root',
    password: env.DB_ROOT_PASSWORD,
  });
  try {
    await run(db.load, { stdin: Readable.from([sql]) });
  } finally {
    await db.close();
  }
  return user;
}
