import type pg from 'pg';

import { PlatformError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import type { SessionRecord, UserRecord, UserRepository, UserSummary } from '../../ports/user-repository.js';
import {
  deleteUser,
  setPassword,
  updateUser,
  userColumns,
  type UserRow,
  toUserSummary,
} from './pg-user-changes.js';

/** UserRepository over PostgreSQL; the changes that must hold together are in pg-user-changes.ts. */
export class PgUserRepository implements UserRepository {
  constructor(private readonly pool: pg.Pool) {}

  async countUsers(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('select count(*) from users');
    return Number(rows[0]?.count ?? 0);
  }

  async findUser(username: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<{
      username: string;
      password_hash: string;
      role: Role;
      disabled: boolean;
    }>(
      'select username, password_hash, role, disabled_at is not null as disabled from users where username = $1',
      [username],
    );
    const row = rows[0];
    return row
      ? { username: row.username, passwordHash: row.password_hash, role: row.role, disabled: row.disabled }
      : undefined;
  }

  async createUser(user: UserRecord): Promise<void> {
    const { rowCount } = await this.pool.query(
      'insert into users (username, password_hash, role) values ($1, $2, $3) on conflict do nothing',
      [user.username, user.passwordHash, user.role],
    );
    if (rowCount === 0) throw new PlatformError('conflict', `a user named "${user.username}" already exists`);
  }

  async createSession(session: { idHash: string; username: string; expiresAt: Date }): Promise<void> {
    await this.pool.query('insert into sessions (id_hash, username, expires_at) values ($1, $2, $3)', [
      session.idHash,
      session.username,
      session.expiresAt,
    ]);
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{
      username: string;
      role: Role;
      expires_at: Date;
      last_seen_at: Date;
    }>(
      `select s.username, u.role, s.expires_at, s.last_seen_at from sessions s join users u using (username)
       where s.id_hash = $1 and u.disabled_at is null`,
      [idHash],
    );
    const row = rows[0];
    return row
      ? { username: row.username, role: row.role, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at }
      : undefined;
  }

  async touchSession(idHash: string): Promise<void> {
    await this.pool.query('update sessions set last_seen_at = now() where id_hash = $1', [idHash]);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.pool.query('delete from sessions where id_hash = $1', [idHash]);
  }

  async purgeSessions(idleMinutes: number): Promise<void> {
    await this.pool.query(
      'delete from sessions where expires_at < now() or last_seen_at < now() - make_interval(mins => $1)',
      [idleMinutes],
    );
  }

  async recordSignIn(username: string): Promise<void> {
    await this.pool.query('update users set last_sign_in_at = now() where username = $1', [username]);
  }

  async listUsers(): Promise<UserSummary[]> {
    const { rows } = await this.pool.query<UserRow>(`select ${userColumns} from users order by username`);
    return rows.map(toUserSummary);
  }

  updateUser(username: string, change: { role?: Role; disabled?: boolean }) {
    return updateUser(this.pool, username, change);
  }

  deleteUser(username: string) {
    return deleteUser(this.pool, username);
  }

  setPassword(username: string, passwordHash: string, keepSession?: string) {
    return setPassword(this.pool, username, passwordHash, keepSession);
  }
}
