import type pg from 'pg';

import { PlatformError } from '../../domain/errors.js';
import type { Operation } from '../../domain/operation.js';
import {
  operationBlocker,
  statusDuring,
  storeLimitBlocker,
  type Store,
  type StoreLimits,
} from '../../domain/store.js';
import type { ActivityFilter, StoreFilter, StoreRepository } from '../../ports/store-repository.js';
import { PgActivityLog } from './pg-activity-log.js';
import { PgDeletedStores } from './pg-deleted-stores.js';
import { claimIdempotencyKey } from './pg-idempotency.js';
import { insertOperation, PgOperations } from './pg-operations.js';
import { recordHealth } from './pg-store-health.js';
import { PgRevisions } from './pg-revisions.js';
import { PgSecretVersions } from './pg-secret-versions.js';
import { notifyChange, transaction } from './pg-transaction.js';
import {
  jsonToOperation,
  storeColumns,
  storeWithLatestColumns,
  toStore,
  type OperationJson,
  type StoreRow,
} from './rows.js';

type StoreWithLatestRow = StoreRow & { latest: OperationJson | null };

const toStoreWithLatest = (row: StoreWithLatestRow) => ({
  store: toStore(row),
  latest: row.latest ? jsonToOperation(row.latest) : undefined,
});

/**
 * StoreRepository over PostgreSQL, one class per aggregate: stores here (with their limits and idempotency keys),
 * operations in PgOperations, the activity log in PgActivityLog. Every write that changes a store NOTIFYs
 * `store_changes` (pg-transaction.ts).
 */
export class PgStoreRepository implements StoreRepository {
  private readonly operations: PgOperations;
  private readonly activity: PgActivityLog;
  private readonly revisions: PgRevisions;
  private readonly secretVersions: PgSecretVersions;
  private readonly deleted: PgDeletedStores;

  constructor(private readonly pool: pg.Pool) {
    this.operations = new PgOperations(pool);
    this.revisions = new PgRevisions(pool);
    this.secretVersions = new PgSecretVersions(pool);
    this.activity = new PgActivityLog(pool);
    this.deleted = new PgDeletedStores(pool);
  }

  readonly getOperation: StoreRepository['getOperation'] = (id) => this.operations.getOperation(id);
  readonly latestOperation: StoreRepository['latestOperation'] = (store) =>
    this.operations.latestOperation(store);
  readonly unfinishedOperations: StoreRepository['unfinishedOperations'] = () =>
    this.operations.unfinishedOperations();
  readonly markOperationRunning: StoreRepository['markOperationRunning'] = (id) =>
    this.operations.markOperationRunning(id);
  readonly heartbeat: StoreRepository['heartbeat'] = (id) => this.operations.heartbeat(id);
  readonly saveSteps: StoreRepository['saveSteps'] = (id, steps) => this.operations.saveSteps(id, steps);
  readonly requestCancel: StoreRepository['requestCancel'] = (name, actor) =>
    this.operations.requestCancel(name, actor);
  readonly cancelRequest: StoreRepository['cancelRequest'] = (id) => this.operations.cancelRequest(id);
  readonly finishOperation: StoreRepository['finishOperation'] = (id, outcome) =>
    this.operations.finishOperation(id, outcome);
  readonly listDeleted: StoreRepository['listDeleted'] = () => this.deleted.listDeleted();
  readonly purgeDue: StoreRepository['purgeDue'] = () => this.deleted.purgeDue();
  readonly markPurged: StoreRepository['markPurged'] = (id, entry) => this.deleted.markPurged(id, entry);
  readonly recordHealth: StoreRepository['recordHealth'] = (name, health, options) =>
    recordHealth(this.pool, name, health, options);
  readonly recordRevision: StoreRepository['recordRevision'] = (store, record) =>
    this.revisions.recordRevision(store, record);
  readonly listRevisions: StoreRepository['listRevisions'] = (store) => this.revisions.listRevisions(store);
  readonly recordSecretVersion: StoreRepository['recordSecretVersion'] = (store, record) =>
    this.secretVersions.record(store, record);
  readonly listSecretVersions: StoreRepository['listSecretVersions'] = (store) =>
    this.secretVersions.list(store);
  readonly appendActivity: StoreRepository['appendActivity'] = (entry) => this.activity.appendActivity(entry);
  readonly listActivity: StoreRepository['listActivity'] = (filter: ActivityFilter) =>
    this.activity.listActivity(filter);

  /** A replayed create's store and its create operation. */
  private async storeAndLatest(name: string) {
    const found = await this.findStore(name);
    return found ? { store: found.store, operation: found.latest } : undefined;
  }

  async createStore(input: {
    name: string;
    engine: Store['engine'];
    plan: Store['plan'];
    actor: string;
    idempotency?: { key: string; requestHash: string };
    limits: StoreLimits;
    settings?: Store['settings'];
    request?: Operation['request'];
  }) {
    return transaction(this.pool, async (client) => {
      if (input.idempotency) {
        const replay = await claimIdempotencyKey(
          client,
          (name) => this.storeAndLatest(name),
          input.actor,
          input.name,
          input.idempotency,
        );
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
        `insert into stores (name, engine, plan, status, created_by, settings)
         values ($1, $2, $3, 'provisioning', $4, $5::jsonb)
         on conflict (name) where deleted_at is null do nothing returning ${storeColumns}`,
        [input.name, input.engine, input.plan, input.actor, JSON.stringify(input.settings ?? {})],
      );
      if (inserted.rowCount === 0)
        throw new PlatformError('conflict', `a store named "${input.name}" already exists`);
      const operation = await insertOperation(client, input.name, 'create', input.actor, input.request);
      const store = { ...toStore(inserted.rows[0] as StoreRow), currentOperationId: operation.id };
      await notifyChange(client, input.name);
      return { store, operation, replayed: false };
    });
  }

  async startOperation(input: Parameters<StoreRepository['startOperation']>[0]) {
    return transaction(this.pool, async (client) => {
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
      const operation = await insertOperation(client, input.name, input.kind, input.actor, input.request);
      const updated = await client.query<StoreRow>(
        `update stores set status = $2, reason = null, plan = coalesce($3, plan), version = version + 1,
           updated_at = now()
         where name = $1 and deleted_at is null returning ${storeColumns}`,
        [input.name, statusDuring[input.kind], input.plan ?? null],
      );
      await notifyChange(client, input.name);
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

  async countStoresOf(actor: string): Promise<{ live: number; failed: number }> {
    const { rows } = await this.pool.query<{ live: string; failed: string }>(
      `select count(*) as live, count(*) filter (where status = 'failed') as failed
       from stores where deleted_at is null and created_by = $1`,
      [actor],
    );
    return { live: Number(rows[0]?.live ?? 0), failed: Number(rows[0]?.failed ?? 0) };
  }
}
