import type pg from 'pg';

import type { OperationLock } from '../../ports/operation-lock.js';
import { checkOut } from './pg-transaction.js';

/**
 * OperationLock on PostgreSQL session-level advisory locks
 * (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS): held on a dedicated connection
 * while the work runs, and released by the server if the worker dies, so a crashed worker never blocks a store.
 */
export class PgAdvisoryLock implements OperationLock {
  constructor(private readonly pool: pg.Pool) {}

  async tryRun(key: string, work: () => Promise<void>): Promise<boolean> {
    // A connection lost while the work runs (a database restart) takes the lock with it; the work goes on (its steps
    // converge if another worker resumes it meanwhile), and the broken connection is destroyed (checkOut).
    const held = await checkOut(this.pool);
    const { client } = held;
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock(hashtext($1)) as locked',
        [key],
      );
      if (!rows[0]?.locked) return false;
      try {
        await work();
      } finally {
        if (!held.lost()) {
          await client
            .query('select pg_advisory_unlock(hashtext($1))', [key])
            .catch((error: Error) => held.markLost(error));
        }
      }
      return true;
    } finally {
      held.release();
    }
  }

  async isFree(key: string): Promise<boolean> {
    return this.tryRun(key, async () => undefined);
  }
}
