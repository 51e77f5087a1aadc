import type pg from 'pg';

import type { LoginAttempts } from '../../ports/login-attempts.js';

/** LoginAttempts in the table `login_failures`. */
export class PgLoginAttempts implements LoginAttempts {
  constructor(private readonly pool: pg.Pool) {}

  async lockedUntil(keys: string[]) {
    const { rows } = await this.pool.query<{ key: string; locked_until: Date }>(
      `select key, locked_until from login_failures where key = any($1) and locked_until > now()
       order by locked_until desc limit 1`,
      [keys],
    );
    const row = rows[0];
    return row ? { key: row.key, until: row.locked_until } : undefined;
  }

  async recordFailure(key: string, forgetAfterSeconds: number): Promise<number> {
    const { rows } = await this.pool.query<{ failures: number }>(
      `insert into login_failures (key, failures, last_failure_at) values ($1, 1, now())
       on conflict (key) do update set
         failures = case when login_failures.last_failure_at < now() - make_interval(secs => $2)
                         then 1 else login_failures.failures + 1 end,
         last_failure_at = now()
       returning failures`,
      [key, forgetAfterSeconds],
    );
    return rows[0]?.failures ?? 1;
  }

  async lock(key: string, seconds: number): Promise<void> {
    await this.pool.query(
      'update login_failures set locked_until = now() + make_interval(secs => $2) where key = $1',
      [key, seconds],
    );
  }

  async clear(key: string): Promise<void> {
    await this.pool.query('delete from login_failures where key = $1', [key]);
  }

  async purge(forgetAfterSeconds: number): Promise<void> {
    await this.pool.query(
      `delete from login_failures where last_failure_at < now() - make_interval(secs => $1)
       and (locked_until is null or locked_until < now())`,
      [forgetAfterSeconds],
    );
  }
}
