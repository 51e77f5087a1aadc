import type pg from 'pg';

/** Channel on which every change to a store or an operation is announced (for the event stream). */
export const changesChannel = 'store_changes';

/** Runs `work` in one transaction on one connection of the pool: committed when it resolves, else rolled back. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** Announces a change of `store` (sent when the transaction commits, to every replica's change feed). */
export function notifyChange(client: pg.ClientBase, store: string) {
  return client.query('select pg_notify($1, $2)', [changesChannel, JSON.stringify({ store })]);
}
