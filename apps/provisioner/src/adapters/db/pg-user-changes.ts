import type pg from 'pg';

import { PlatformError } from '../../domain/errors.js';
import { lastAdminProblem, type Role } from '../../domain/roles.js';
import type { UserSummary } from '../../ports/user-repository.js';
import { transaction } from './pg-transaction.js';

export const userColumns = 'username, role, disabled_at, created_at, last_sign_in_at';
export interface UserRow {
  username: string;
  role: Role;
  disabled_at: Date | null;
  created_at: Date;
  last_sign_in_at: Date | null;
}
export const toUserSummary = (row: UserRow): UserSummary => ({
  username: row.username,
  role: row.role,
  disabled: row.disabled_at !== null,
  createdAt: row.created_at,
  lastSignInAt: row.last_sign_in_at,
});

const noSuchUser = (username: string) => new PlatformError('not_found', `no user named "${username}"`);

/**
 * Locks the rows of every enabled admin, always in the same order and before any other row, then refuses when
 * `username` is the only one. Two admins demoting each other at once are serialised here: under READ COMMITTED
 * the second, once the first commits, re-reads the rows it waited for and no longer counts the demoted one
 * (https://www.postgresql.org/docs/current/transaction-iso.html#XACT-READ-COMMITTED).
 */
async function refuseLastAdmin(client: pg.ClientBase, username: string, wouldRemoveAdmin: boolean) {
  const { rows } = await client.query<{ username: string }>(
    `select username from users where role = 'admin' and disabled_at is null order by username for update`,
  );
  if (wouldRemoveAdmin && rows.length === 1 && rows[0]?.username === username) {
    throw new PlatformError('conflict', lastAdminProblem(username));
  }
}

async function lockUser(client: pg.ClientBase, username: string): Promise<UserRow> {
  const { rows } = await client.query<UserRow>(
    `select ${userColumns} from users where username = $1 for update`,
    [username],
  );
  if (!rows[0]) throw noSuchUser(username);
  return rows[0];
}

/** Ends every session of the user (but `keepSession`, a session id hash) and revokes all their tokens. */
async function endAccess(client: pg.ClientBase, username: string, keepSession?: string) {
  await client.query('delete from sessions where username = $1 and ($2::text is null or id_hash <> $2)', [
    username,
    keepSession ?? null,
  ]);
  await client.query('delete from api_tokens where username = $1', [username]);
}

export function updateUser(
  pool: pg.Pool,
  username: string,
  change: { role?: Role; disabled?: boolean },
): Promise<UserSummary> {
  return transaction(pool, async (client) => {
    const demotes = change.role !== undefined && change.role !== 'admin';
    await refuseLastAdmin(client, username, demotes || change.disabled === true);
    await lockUser(client, username);
    const { rows } = await client.query<UserRow>(
      `update users set role = coalesce($2, role),
         disabled_at = case when $3::boolean is null then disabled_at when $3 then coalesce(disabled_at, now()) end
       where username = $1 returning ${userColumns}`,
      [username, change.role ?? null, change.disabled ?? null],
    );
    if (change.disabled) await endAccess(client, username);
    return toUserSummary(rows[0] as UserRow);
  });
}

export function deleteUser(pool: pg.Pool, username: string): Promise<void> {
  return transaction(pool, async (client) => {
    await refuseLastAdmin(client, username, true);
    // Sessions and tokens go with the user (on delete cascade).
    const { rowCount } = await client.query('delete from users where username = $1', [username]);
    if (rowCount === 0) throw noSuchUser(username);
  });
}

export function setPassword(
  pool: pg.Pool,
  username: string,
  passwordHash: string,
  keepSession?: string,
): Promise<void> {
  return transaction(pool, async (client) => {
    const { rowCount } = await client.query('update users set password_hash = $2 where username = $1', [
      username,
      passwordHash,
    ]);
    if (rowCount === 0) throw noSuchUser(username);
    await endAccess(client, username, keepSession);
  });
}
