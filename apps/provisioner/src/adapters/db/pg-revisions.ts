import type pg from 'pg';

import type { RevisionRecord } from '../../ports/store-repository.js';

/** Who made each Helm revision of a live store, and what it changed (table store_revisions). */
export class PgRevisions {
  constructor(private readonly pool: pg.Pool) {}

  /** Records revision `revision` of the store's release; recording one again replaces it (a resumed operation). */
  async recordRevision(store: string, record: Omit<RevisionRecord, 'at'>): Promise<void> {
    await this.pool.query(
      `insert into store_revisions (store_id, revision, operation_id, actor, changes)
       select id, $2, $3, $4, $5 from stores where name = $1 and deleted_at is null
       on conflict (store_id, revision) do update
         set operation_id = excluded.operation_id, actor = excluded.actor, changes = excluded.changes, at = now()`,
      [
        store,
        record.revision,
        record.operationId,
        record.actor,
        record.changes ? JSON.stringify(record.changes) : null,
      ],
    );
  }

  async listRevisions(store: string): Promise<RevisionRecord[]> {
    const { rows } = await this.pool.query<{
      revision: number;
      operation_id: string | null;
      actor: string;
      changes: RevisionRecord['changes'];
      at: Date;
    }>(
      `select r.revision, r.operation_id, r.actor, r.changes, r.at from store_revisions r
       join stores s on s.id = r.store_id and s.deleted_at is null
       where s.name = $1 order by r.revision desc`,
      [store],
    );
    return rows.map((r) => ({
      revision: r.revision,
      operationId: r.operation_id,
      actor: r.actor,
      changes: r.changes,
      at: r.at,
    }));
  }
}
