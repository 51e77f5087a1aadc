import type pg from 'pg';

import { PlatformError } from '../../domain/errors.js';
import type { Operation } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';

/**
 * Claims an idempotency key inside the create's transaction. A concurrent request with the same key waits on the
 * key's row until the first commits, then replays its result.
 */
export async function claimIdempotencyKey(
  client: pg.PoolClient,
  lookup: (name: string) => Promise<{ store: Store; operation: Operation | undefined } | undefined>,
  actor: string,
  name: string,
  idempotency: { key: string; requestHash: string },
) {
  const claimed = await client.query(
    `insert into idempotency_keys (actor, key, request_hash, store_name) values ($1, $2, $3, $4) on conflict do nothing`,
    [actor, idempotency.key, idempotency.requestHash, name],
  );
  if (claimed.rowCount === 1) return undefined;
  const { rows } = await client.query<{ request_hash: string; store_name: string }>(
    'select request_hash, store_name from idempotency_keys where actor = $1 and key = $2',
    [actor, idempotency.key],
  );
  if (rows[0]?.request_hash !== idempotency.requestHash) {
    throw new PlatformError(
      'conflict',
      'this Idempotency-Key was already used for a different request; use a new key',
    );
  }
  const found = await lookup(rows[0].store_name);
  const { store, operation } = found ?? {};
  if (!store || !operation)
    throw new PlatformError(
      'conflict',
      `the store created with this Idempotency-Key ("${rows[0].store_name}") no longer exists`,
    );
  return { store, operation, replayed: true };
}
