import type pg from 'pg';

import type { DeletedStore, DeletionOutcome, RetainedVolume } from '../../domain/deletion.js';
import type { ActivityEntry } from '../../ports/store-repository.js';
import { insertActivity } from './pg-activity-log.js';
import { transaction } from './pg-transaction.js';

interface DeletedRow {
  id: string;
  name: string;
  engine: DeletedStore['engine'];
  plan: DeletedStore['plan'];
  deleted_by: string | null;
  created_by: string;
  deleted_at: Date;
  restorable_until: Date;
  last_backup_id: string | null;
  retained_volumes: RetainedVolume[];
}

const columns =
  'id, name, engine, plan, deleted_by, created_by, deleted_at, restorable_until, last_backup_id, retained_volumes';
const awaitingPurge = 'deleted_at is not null and restorable_until is not null and purged_at is null';

const toDeleted = (row: DeletedRow): DeletedStore => ({
  id: row.id,
  name: row.name,
  engine: row.engine,
  plan: row.plan,
  deletedBy: row.deleted_by ?? row.created_by,
  deletedAt: row.deleted_at,
  restorableUntil: row.restorable_until,
  lastBackupId: row.last_backup_id,
  retainedVolumes: row.retained_volumes,
});

/**
 * Marks the live store deleted, in the caller's transaction: it leaves the list, and with something to restore
 * from (`retentionDays` not null) it is kept until now + retentionDays, on the database's clock like deleted_at.
 */
export async function markDeleted(
  client: pg.ClientBase,
  store: string,
  deletedBy: string,
  deletion: (DeletionOutcome & { retentionDays: number | null }) | undefined,
): Promise<void> {
  await client.query(
    `update stores set status = 'deleted', deleted_at = now(), deleted_by = $2, current_operation_id = null,
       version = version + 1, updated_at = now(),
       restorable_until = case when $3::float8 is null then null else now() + make_interval(secs => $3::float8 * 86400) end,
       last_backup_id = $4, retained_volumes = $5::jsonb
     where name = $1 and deleted_at is null`,
    [
      store,
      deletedBy,
      deletion?.retentionDays ?? null,
      deletion?.lastBackupId ?? null,
      JSON.stringify(deletion?.retainedVolumes ?? []),
    ],
  );
}

/** The soft-deleted stores: the Deleted stores view and the purge. Part of PgStoreRepository. */
export class PgDeletedStores {
  constructor(private readonly pool: pg.Pool) {}

  async listDeleted(): Promise<DeletedStore[]> {
    const { rows } = await this.pool.query<DeletedRow>(
      `select ${columns} from stores where ${awaitingPurge} order by deleted_at desc`,
    );
    return rows.map(toDeleted);
  }

  async purgeDue(): Promise<DeletedStore[]> {
    const { rows } = await this.pool.query<DeletedRow>(
      `select ${columns} from stores where ${awaitingPurge} and restorable_until <= now() order by restorable_until`,
    );
    return rows.map(toDeleted);
  }

  async markPurged(id: string, entry: ActivityEntry): Promise<void> {
    await transaction(this.pool, async (client) => {
      await client.query('update stores set purged_at = now() where id = $1 and purged_at is null', [id]);
      await insertActivity(client, entry);
    });
  }
}
