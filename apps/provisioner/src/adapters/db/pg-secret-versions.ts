import type pg from 'pg';

import type { SecretVersionRecord } from '../../ports/store-repository.js';
import { transaction } from './pg-transaction.js';

/** The versions of a live store's credentials (table store_secret_versions) and the one it runs on. */
export class PgSecretVersions {
  constructor(private readonly pool: pg.Pool) {}

  /** Records the version and makes it the store's current one, together; recording it again replaces it. */
  async record(store: string, record: Omit<SecretVersionRecord, 'at'>): Promise<void> {
    await transaction(this.pool, async (client) => {
      await client.query(
        `insert into store_secret_versions (store_id, version, what, operation_id, actor)
         select id, $2, $3, $4, $5 from stores where name = $1 and deleted_at is null
         on conflict (store_id, version) do update
           set what = excluded.what, operation_id = excluded.operation_id, actor = excluded.actor, at = now()`,
        [store, record.version, record.what, record.operationId, record.actor],
      );
      await client.query(`update stores set secret_version = $2 where name = $1 and deleted_at is null`, [
        store,
        record.version,
      ]);
    });
  }

  async list(store: string): Promise<SecretVersionRecord[]> {
    const { rows } = await this.pool.query<{
      version: number;
      what: SecretVersionRecord['what'];
      operation_id: string | null;
      actor: string;
      at: Date;
    }>(
      `select v.version, v.what, v.operation_id, v.actor, v.at from store_secret_versions v
       join stores s on s.id = v.store_id and s.deleted_at is null
       where s.name = $1 order by v.version desc`,
      [store],
    );
    return rows.map((r) => ({
      version: r.version,
      what: r.what,
      operationId: r.operation_id,
      actor: r.actor,
      at: r.at,
    }));
  }
}
