import type pg from 'pg';

import type { OperationLock } from '../../ports/operation-lock.js';

/**
 * OperationLock on PostgreSQL session-level advisory locks
 * (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS): held on a dedicated connection
 * while the work runs, and released by the server if the worker dies, so a crashed worker never blocks a store.
 */
export class PgAdvisoryLock implements OperationLock {
  constructor(private readonly pool: pg.Pool) {}

  async tryRun(key: string, work: () => Promise<void>): Promise<boolean> {
    const client = await this.pool.connect();
    // A checked-out client has no listener of the pool's: the server going away while the work runs (a database
    // restart) would emit 'error' with no one listening, which ends the process. The lock went with the
    // connection; the work goes on (its steps converge if another worker resumes it meanwhile), and the broken
    // connection is destroyed instead of going back to the pool.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost = error);
    client.on('error', onError);
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock(hashtext($1)) as locked',
        [key],
      );
      if (!rows[0]?.locked) return false;
      try {
        await work();
      } finally {
        if (!lost) {
          await client
            .query('select pg_advisory_unlock(hashtext($1))', [key])
            .catch((error: Error) => (lost = error));
        }
      }
      return true;
    } finally {
      client.release(lost);
      if (!lost) client.off('error', onError);
    }
  }

  async isFree(key: string): Promise<boolean> {
    return this.tryRun(key, async () => undefined);
  }
}
