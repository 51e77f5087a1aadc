import type pg from 'pg';

import { PlatformError } from '../../domain/errors.js';
import { cancelBlocker, initialSteps, type Operation, type Step } from '../../domain/operation.js';
import type { DeletionOutcome } from '../../domain/deletion.js';
import type { Store } from '../../domain/store.js';
import { markDeleted } from './pg-deleted-stores.js';
import { notifyChange, transaction } from './pg-transaction.js';
import {
  operationColumns,
  storeColumns,
  toOperation,
  toStore,
  type OperationRow,
  type StoreRow,
} from './rows.js';

/**
 * Records a queued operation of `kind` on a live store and makes it the store's current one, in the transaction
 * of `client`.
 */
export async function insertOperation(
  client: pg.ClientBase,
  storeName: string,
  kind: Operation['kind'],
  actor: string,
  request?: Operation['request'],
) {
  const { rows } = await client.query<OperationRow>(
    `insert into operations (store_id, store_name, kind, phase, steps, started_by, request)
     select id, name, $2, 'queued', $3, $4, $5 from stores where name = $1 and deleted_at is null
     returning ${operationColumns}`,
    [
      storeName,
      kind,
      JSON.stringify(initialSteps(kind, request)),
      actor,
      request ? JSON.stringify(request) : null,
    ],
  );
  const operation = toOperation(rows[0] as OperationRow);
  await client.query('update stores set current_operation_id = $2 where name = $1 and deleted_at is null', [
    storeName,
    operation.id,
  ]);
  return operation;
}

/** The operations aggregate: each store's operations, their steps and outcomes. Part of PgStoreRepository. */
export class PgOperations {
  constructor(private readonly pool: pg.Pool) {}

  async getOperation(id: string): Promise<Operation | undefined> {
    const { rows } = await this.pool.query<OperationRow>(
      `select ${operationColumns} from operations where id = $1`,
      [id],
    );
    return rows[0] ? toOperation(rows[0]) : undefined;
  }

  async latestOperation(store: string): Promise<Operation | undefined> {
    const { rows } = await this.pool.query<OperationRow>(
      `select ${operationColumns
        .split(', ')
        .map((c) => `o.${c}`)
        .join(', ')} from operations o
       join stores s on s.id = o.store_id and s.deleted_at is null
       where s.name = $1 order by o.created_at desc limit 1`,
      [store],
    );
    return rows[0] ? toOperation(rows[0]) : undefined;
  }

  async unfinishedOperations(): Promise<Operation[]> {
    const { rows } = await this.pool.query<OperationRow>(
      `select ${operationColumns} from operations where phase in ('queued', 'running') order by created_at`,
    );
    return rows.map(toOperation);
  }

  async heartbeat(id: string): Promise<void> {
    await this.pool.query(`update operations set heartbeat_at = now() where id = $1 and phase = 'running'`, [
      id,
    ]);
  }

  async markOperationRunning(id: string): Promise<void> {
    await transaction(this.pool, async (client) => {
      const { rows } = await client.query<{ store_name: string }>(
        `update operations set phase = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now()
         where id = $1 returning store_name`,
        [id],
      );
      if (rows[0]) await notifyChange(client, rows[0].store_name);
    });
  }

  async requestCancel(name: string, actor: string): Promise<{ store: Store; operation: Operation }> {
    return transaction(this.pool, async (client) => {
      const stores = await client.query<StoreRow>(
        `select ${storeColumns} from stores where name = $1 and deleted_at is null for update`,
        [name],
      );
      if (!stores.rows[0]) throw new PlatformError('not_found', `no store named "${name}"`);
      const store = toStore(stores.rows[0]);
      const { rows } = await client.query<OperationRow>(
        `select ${operationColumns} from operations where id = $1`,
        [store.currentOperationId],
      );
      const current = rows[0] ? toOperation(rows[0]) : undefined;
      const blocker = cancelBlocker(current, name);
      if (blocker || !current)
        throw new PlatformError('conflict', blocker ?? 'nothing to cancel', { current: store });
      const updated = await client.query<OperationRow>(
        `update operations set cancel_requested_by = coalesce(cancel_requested_by, $2),
           cancel_requested_at = coalesce(cancel_requested_at, now())
         where id = $1 returning ${operationColumns}`,
        [current.id, actor],
      );
      await notifyChange(client, name);
      return { store, operation: toOperation(updated.rows[0] as OperationRow) };
    });
  }

  async cancelRequest(id: string): Promise<{ by: string; at: Date } | undefined> {
    const { rows } = await this.pool.query<{ by: string | null; at: Date | null }>(
      'select cancel_requested_by as by, cancel_requested_at as at from operations where id = $1',
      [id],
    );
    const row = rows[0];
    return row?.by && row.at ? { by: row.by, at: row.at } : undefined;
  }

  async saveSteps(id: string, steps: Step[]): Promise<void> {
    await transaction(this.pool, async (client) => {
      const { rows } = await client.query<{ store_name: string }>(
        'update operations set steps = $2 where id = $1 returning store_name',
        [id, JSON.stringify(steps)],
      );
      if (rows[0]) await notifyChange(client, rows[0].store_name);
    });
  }

  async finishOperation(
    id: string,
    outcome: {
      phase: 'succeeded' | 'failed';
      error?: Operation['error'];
      storeStatus: Store['status'] | 'deleted';
      reason?: string | null;
      change?: { plan: Store['plan']; settings: Store['settings'] };
      deletion?: DeletionOutcome & { retentionDays: number | null };
    },
  ): Promise<void> {
    await transaction(this.pool, async (client) => {
      const { rows } = await client.query<{ store_name: string; started_by: string }>(
        `update operations set phase = $2, error = $3, finished_at = now() where id = $1
         returning store_name, started_by`,
        [id, outcome.phase, outcome.error ? JSON.stringify(outcome.error) : null],
      );
      const store = rows[0]?.store_name;
      if (!store) return;
      if (outcome.storeStatus === 'deleted') {
        await markDeleted(client, store, rows[0]?.started_by ?? 'platform', outcome.deletion);
      } else {
        // The plan and settings change with the status, in one statement: no reader sees the store Running on
        // the old plan after the new one is deployed.
        await client.query(
          `update stores set status = $2, reason = $3, current_operation_id = null, version = version + 1, updated_at = now(),
             plan = coalesce($5, plan), settings = coalesce($6::jsonb, settings)
           where name = $1 and deleted_at is null and current_operation_id = $4`,
          [
            store,
            outcome.storeStatus,
            outcome.reason ?? null,
            id,
            outcome.change?.plan ?? null,
            outcome.change ? JSON.stringify(outcome.change.settings) : null,
          ],
        );
      }
      await notifyChange(client, store);
    });
  }
}
