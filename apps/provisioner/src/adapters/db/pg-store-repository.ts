import type pg from 'pg';

import { PlatformError } from '../../domain/errors.js';
import { initialSteps, type Operation, type Step } from '../../domain/operation.js';
import {
  operationBlocker,
  statusDuring,
  storeLimitBlocker,
  type Store,
  type StoreLimits,
} from '../../domain/store.js';
import type {
  ActivityEntry,
  ActivityFilter,
  StoreFilter,
  StoreRepository,
} from '../../ports/store-repository.js';
import {
  jsonToOperation,
  operationColumns,
  storeColumns,
  storeWithLatestColumns,
  toOperation,
  toStore,
  type OperationJson,
  type OperationRow,
  type StoreRow,
} from './rows.js';

type StoreWithLatestRow = StoreRow & { latest: OperationJson | null };

const toStoreWithLatest = (row: StoreWithLatestRow) => ({
  store: toStore(row),
  latest: row.latest ? jsonToOperation(row.latest) : undefined,
});

/** Channel on which every change to a store or an operation is announced (for the event stream). */
export const changesChannel = 'store_changes';

/** StoreRepository over PostgreSQL; every write that changes a store also NOTIFYs `store_changes`. */
export class PgStoreRepository implements StoreRepository {
  constructor(private readonly pool: pg.Pool) {}

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
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

  private notify(client: pg.ClientBase, store: string) {
    return client.query('select pg_notify($1, $2)', [changesChannel, JSON.stringify({ store })]);
  }

  private async insertOperation(
    client: pg.ClientBase,
    storeName: string,
    kind: Operation['kind'],
    actor: string,
  ) {
    const { rows } = await client.query<OperationRow>(
      `insert into operations (store_id, store_name, kind, phase, steps, started_by)
       select id, name, $2, 'queued', $3, $4 from stores where name = $1 and deleted_at is null
       returning ${operationColumns}`,
      [storeName, kind, JSON.stringify(initialSteps(kind)), actor],
    );
    const operation = toOperation(rows[0] as OperationRow);
    await client.query('update stores set current_operation_id = $2 where name = $1 and deleted_at is null', [
      storeName,
      operation.id,
    ]);
    return operation;
  }

  async createStore(input: {
    name: string;
    engine: Store['engine'];
    plan: Store['plan'];
    actor: string;
    idempotency?: { key: string; requestHash: string };
    limits: StoreLimits;
  }) {
    return this.transaction(async (client) => {
      if (input.idempotency) {
        const replay = await this.claimIdempotencyKey(client, input.actor, input.name, input.idempotency);
        if (replay) return replay;
      }
      // Creates take turns from the count to the commit (a lock held until the transaction ends), so that twenty
      // at once cannot all count the same free place.
      await client.query(`select pg_advisory_xact_lock(hashtext('store_limits'))`);
      const { rows: counts } = await client.query<{ total: string; of_user: string }>(
        `select count(*) as total, count(*) filter (where created_by = $1) as of_user
         from stores where deleted_at is null`,
        [input.actor],
      );
      const blocker = storeLimitBlocker(
        { total: Number(counts[0]?.total ?? 0), ofUser: Number(counts[0]?.of_user ?? 0) },
        input.limits,
      );
      if (blocker) throw new PlatformError('limit_reached', blocker);
      const inserted = await client.query<StoreRow>(
        `insert into stores (name, engine, plan, status, created_by) values ($1, $2, $3, 'provisioning', $4)
         on conflict (name) where deleted_at is null do nothing returning ${storeColumns}`,
        [input.name, input.engine, input.plan, input.actor],
      );
      if (inserted.rowCount === 0)
        throw new PlatformError('conflict', `a store named "${input.name}" already exists`);
      const operation = await this.insertOperation(client, input.name, 'create', input.actor);
      const store = { ...toStore(inserted.rows[0] as StoreRow), currentOperationId: operation.id };
      await this.notify(client, input.name);
      return { store, operation, replayed: false };
    });
  }

  /**
   * Claims an idempotency key inside the create's transaction. A concurrent request with the same key waits on the
   * key's row until the first commits, then replays its result.
   */
  private async claimIdempotencyKey(
    client: pg.PoolClient,
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
    const store = await this.getStore(rows[0].store_name);
    const operation = store ? await this.latestOperation(store.name) : undefined;
    if (!store || !operation)
      throw new PlatformError(
        'conflict',
        `the store created with this Idempotency-Key ("${rows[0].store_name}") no longer exists`,
      );
    return { store, operation, replayed: true };
  }

  async startOperation(input: {
    name: string;
    kind: 'delete' | 'retry';
    actor: string;
    expectedVersion?: number;
  }) {
    return this.transaction(async (client) => {
      const { rows } = await client.query<StoreRow>(
        `select ${storeColumns} from stores where name = $1 and deleted_at is null for update`,
        [input.name],
      );
      if (!rows[0]) throw new PlatformError('not_found', `no store named "${input.name}"`);
      const current = toStore(rows[0]);
      if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
        throw new PlatformError(
          'version_mismatch',
          `store "${input.name}" changed since version ${input.expectedVersion}; it is now at version ${current.version}`,
          { current },
        );
      }
      const blocker = operationBlocker(current, input.kind);
      if (blocker) throw new PlatformError('conflict', blocker, { current });
      const operation = await this.insertOperation(client, input.name, input.kind, input.actor);
      const updated = await client.query<StoreRow>(
        `update stores set status = $2, reason = null, version = version + 1, updated_at = now()
         where name = $1 and deleted_at is null returning ${storeColumns}`,
        [input.name, statusDuring[input.kind]],
      );
      await this.notify(client, input.name);
      return { store: toStore(updated.rows[0] as StoreRow), operation };
    });
  }

  async getStore(name: string): Promise<Store | undefined> {
    const { rows } = await this.pool.query<StoreRow>(
      `select ${storeColumns} from stores where name = $1 and deleted_at is null`,
      [name],
    );
    return rows[0] ? toStore(rows[0]) : undefined;
  }

  async findStore(name: string) {
    const { rows } = await this.pool.query<StoreWithLatestRow>(
      `select ${storeWithLatestColumns} from stores s where s.name = $1 and s.deleted_at is null`,
      [name],
    );
    return rows[0] ? toStoreWithLatest(rows[0]) : undefined;
  }

  async listStores(filter: StoreFilter) {
    const { rows } = await this.pool.query<StoreWithLatestRow>(
      `select ${storeWithLatestColumns} from stores s
       where s.deleted_at is null and ($1::text is null or s.status = $1) and ($2::text is null or s.engine = $2)
         and ($3::text is null or strpos(s.name, $3) > 0)
       order by s.created_at desc`,
      [filter.status ?? null, filter.engine ?? null, filter.q ?? null],
    );
    return rows.map(toStoreWithLatest);
  }

  async countByStatus(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ status: string; count: string }>(
      'select status, count(*) from stores where deleted_at is null group by status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
  }

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

  async markOperationRunning(id: string): Promise<void> {
    await this.transaction(async (client) => {
      const { rows } = await client.query<{ store_name: string }>(
        `update operations set phase = 'running', started_at = coalesce(started_at, now()) where id = $1 returning store_name`,
        [id],
      );
      if (rows[0]) await this.notify(client, rows[0].store_name);
    });
  }

  async saveSteps(id: string, steps: Step[]): Promise<void> {
    await this.transaction(async (client) => {
      const { rows } = await client.query<{ store_name: string }>(
        'update operations set steps = $2 where id = $1 returning store_name',
        [id, JSON.stringify(steps)],
      );
      if (rows[0]) await this.notify(client, rows[0].store_name);
    });
  }

  async finishOperation(
    id: string,
    outcome: {
      phase: 'succeeded' | 'failed';
      error?: Operation['error'];
      storeStatus: Store['status'] | 'deleted';
      reason?: string | null;
    },
  ): Promise<void> {
    await this.transaction(async (client) => {
      const { rows } = await client.query<{ store_name: string }>(
        `update operations set phase = $2, error = $3, finished_at = now() where id = $1 returning store_name`,
        [id, outcome.phase, outcome.error ? JSON.stringify(outcome.error) : null],
      );
      const store = rows[0]?.store_name;
      if (!store) return;
      if (outcome.storeStatus === 'deleted') {
        await client.query(
          `update stores set deleted_at = now(), current_operation_id = null, version = version + 1, updated_at = now()
           where name = $1 and deleted_at is null`,
          [store],
        );
      } else {
        await client.query(
          `update stores set status = $2, reason = $3, current_operation_id = null, version = version + 1, updated_at = now()
           where name = $1 and deleted_at is null and current_operation_id = $4`,
          [store, outcome.storeStatus, outcome.reason ?? null, id],
        );
      }
      await this.notify(client, store);
    });
  }

  async appendActivity(entry: ActivityEntry): Promise<void> {
    // Notified too: an operation's outcome is logged after the store changed, and screens showing the store's
    // history must hear of it.
    await this.transaction(async (client) => {
      await client.query(
        'insert into activity (actor, action, store, result, duration_ms, detail) values ($1, $2, $3, $4, $5, $6)',
        [
          entry.actor,
          entry.action,
          entry.store ?? null,
          entry.result,
          entry.durationMs ?? null,
          entry.detail ?? null,
        ],
      );
      // Account changes concern no store, and the event stream carries only stores.
      if (entry.store) await this.notify(client, entry.store);
    });
  }

  async listActivity(filter: ActivityFilter) {
    const where = `($1::text is null or store = $1) and ($2::text is null or actor = $2) and ($3::text is null or action = $3)
      and ($4::text is null or store is not null or actor = $4)`;
    const args = [
      filter.store ?? null,
      filter.actor ?? null,
      filter.action ?? null,
      filter.onlyOwnAccountChangesOf ?? null,
    ];
    const [{ rows }, count] = await Promise.all([
      this.pool.query<{
        at: Date;
        actor: string;
        action: string;
        store: string | null;
        result: ActivityEntry['result'];
        duration_ms: number | null;
        detail: string | null;
      }>(
        `select at, actor, action, store, result, duration_ms, detail from activity where ${where}
         order by at desc, id desc limit $5 offset $6`,
        [...args, filter.pageSize, (filter.page - 1) * filter.pageSize],
      ),
      this.pool.query<{ count: string }>(`select count(*) from activity where ${where}`, args),
    ]);
    return {
      items: rows.map((r) => ({
        at: r.at,
        actor: r.actor,
        action: r.action,
        store: r.store ?? undefined,
        result: r.result,
        durationMs: r.duration_ms ?? undefined,
        detail: r.detail ?? undefined,
      })),
      total: Number(count.rows[0]?.count ?? 0),
    };
  }
}
