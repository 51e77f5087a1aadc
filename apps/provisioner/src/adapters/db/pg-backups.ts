import type pg from 'pg';

import type { Backup } from '../../domain/backup.js';
import type { BackupRepository } from '../../ports/backup-repository.js';

interface BackupRow {
  id: string;
  store_name: string;
  status: Backup['status'];
  reason: Backup['reason'];
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
  operation_id: string | null;
  object_key: string | null;
  size_bytes: string | null;
  sha256: string | null;
  engine: Backup['engine'];
  engine_version: string | null;
  error: string | null;
}

const columns =
  'id, store_name, status, reason, created_by, created_at, finished_at, operation_id, object_key, size_bytes, sha256, engine, engine_version, error';

const toBackup = (r: BackupRow): Backup => ({
  id: r.id,
  storeName: r.store_name,
  status: r.status,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  operationId: r.operation_id,
  objectKey: r.object_key,
  // bigint arrives as a string; archives stay far below 2^53 bytes.
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  sha256: r.sha256,
  engine: r.engine,
  engineVersion: r.engine_version,
  error: r.error,
});

/** Backups of stores (table backups), kept by store name so that they outlive the store's row. */
export class PgBackups implements BackupRepository {
  constructor(private readonly pool: pg.Pool) {}

  async insert(input: Parameters<BackupRepository['insert']>[0]): Promise<Backup> {
    const { rows } = await this.pool.query<BackupRow>(
      `insert into backups (store_name, status, reason, created_by, operation_id, engine, engine_version)
       values ($1, 'pending', $2, $3, $4, $5, $6) returning ${columns}`,
      [input.storeName, input.reason, input.createdBy, input.operationId, input.engine, input.engineVersion],
    );
    return toBackup(rows[0] as BackupRow);
  }

  async markRunning(id: string): Promise<void> {
    await this.pool.query(`update backups set status = 'running' where id = $1`, [id]);
  }

  async finish(id: string, outcome: Parameters<BackupRepository['finish']>[1]): Promise<void> {
    if (outcome.status === 'succeeded') {
      await this.pool.query(
        `update backups set status = 'succeeded', finished_at = now(), object_key = $2, size_bytes = $3,
           sha256 = $4, error = null where id = $1`,
        [id, outcome.objectKey, outcome.sizeBytes, outcome.sha256],
      );
      return;
    }
    await this.pool.query(
      `update backups set status = 'failed', finished_at = now(), error = $2 where id = $1`,
      [id, outcome.error],
    );
  }

  async get(id: string): Promise<Backup | undefined> {
    const { rows } = await this.pool.query<BackupRow>(`select ${columns} from backups where id = $1`, [id]);
    return rows[0] ? toBackup(rows[0]) : undefined;
  }

  async list(storeName: string): Promise<Backup[]> {
    const { rows } = await this.pool.query<BackupRow>(
      `select ${columns} from backups where store_name = $1 order by created_at desc, id`,
      [storeName],
    );
    return rows.map(toBackup);
  }

  async remove(id: string): Promise<void> {
    await this.pool.query('delete from backups where id = $1', [id]);
  }
}
