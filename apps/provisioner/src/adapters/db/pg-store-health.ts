import type pg from 'pg';

import type { StoreHealthRecord } from '../../domain/store.js';
import type { ActivityEntry } from '../../ports/store-repository.js';
import { insertActivity } from './pg-activity-log.js';
import { notifyChange, transaction } from './pg-transaction.js';

/**
 * StoreRepository.recordHealth: one transaction that sets the health of a store still Running with no operation
 * (one that started since the check is the operation's to report), appends the change to the activity log, and
 * announces it: quietly when not asked to (a check that only moves `checkedAt` is not worth an event to every
 * client, 200 stores every interval, but the API replicas' cached lists re-read it). Neither `version` nor `updated_at` move: a health check is no edit, and must not make a client's
 * If-Match stale.
 */
export function recordHealth(
  pool: pg.Pool,
  name: string,
  health: StoreHealthRecord,
  options: { change?: ActivityEntry; announce: boolean },
): Promise<boolean> {
  return transaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `update stores set health = $2 where name = $1 and deleted_at is null and status = 'running'
         and current_operation_id is null`,
      [name, JSON.stringify({ ...health, checkedAt: health.checkedAt.toISOString() })],
    );
    if (!rowCount) return false;
    if (options.change) await insertActivity(client, options.change);
    await notifyChange(client, name, !(options.announce || options.change));
    return true;
  });
}
