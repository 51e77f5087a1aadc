import type pg from 'pg';

/** Channel on which every change to a store or an operation is announced (for the event stream). */
export const changesChannel = 'store_changes';

/** A connection checked out of the pool, safe to lose while held. */
export interface CheckedOut {
  client: pg.PoolClient;
  /** Why the connection broke while held (its queries fail with it), or undefined. */
  lost(): Error | undefined;
  /** Marks the connection broken (a failed query on it), so that release destroys it. */
  markLost(error: Error): void;
  /** Back to the pool, or destroyed when it broke. */
  release(): void;
}

/**
 * Checks a connection out of the pool. A checked-out client has no listener of the pool's: the server going away
 * meanwhile (a database restart) would emit 'error' with no one listening, which ends the process. The error is
 * kept instead (the client's queries fail anyway), and a broken connection is destroyed, not pooled again.
 */
export async function checkOut(pool: pg.Pool): Promise<CheckedOut> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => (lost ??= error);
  client.on('error', onError);
  return {
    client,
    lost: () => lost,
    markLost: onError,
    release: () => {
      client.release(lost);
      // A destroyed client keeps the listener: a late second error must not end the process either.
      if (!lost) client.off('error', onError);
    },
  };
}

/** Runs `work` in one transaction on one connection of the pool: committed when it resolves, else rolled back. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const held = await checkOut(pool);
  const { client } = held;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    // On a lost connection there is nothing to roll back (the server ended the transaction): the first error is
    // the one worth reporting.
    if (!held.lost()) await client.query('rollback').catch((rollback: Error) => held.markLost(rollback));
    throw error;
  } finally {
    held.release();
  }
}

/** Announces a change of `store` (sent when the transaction commits, to every replica's change feed). */
export function notifyChange(client: pg.ClientBase, store: string, quiet = false) {
  const payload = quiet ? { store, quiet } : { store };
  return client.query('select pg_notify($1, $2)', [changesChannel, JSON.stringify(payload)]);
}
