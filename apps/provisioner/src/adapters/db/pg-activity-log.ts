import type pg from 'pg';

import type { ActivityEntry, ActivityFilter } from '../../ports/store-repository.js';
import { notifyChange, transaction } from './pg-transaction.js';

/** Appends one entry to the activity log, on the caller's connection (inside its transaction). */
export async function insertActivity(client: pg.ClientBase, entry: ActivityEntry): Promise<void> {
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
}

/** The activity log: who did what to which store (or account), and how it ended. Part of PgStoreRepository. */
export class PgActivityLog {
  constructor(private readonly pool: pg.Pool) {}

  async appendActivity(entry: ActivityEntry): Promise<void> {
    // Notified too: an operation's outcome is logged after the store changed, and screens showing the store's
    // history must hear of it.
    await transaction(this.pool, async (client) => {
      await insertActivity(client, entry);
      // Account changes concern no store, and the event stream carries only stores.
      if (entry.store) await notifyChange(client, entry.store);
    });
  }

  async listActivity(filter: ActivityFilter) {
    // Partial: ILIKE on the value with its own wildcards escaped, so that "a_b" or "50%" match only themselves
    // (https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-LIKE).
    const partial = filter.match === 'partial';
    const compare = partial ? 'ilike' : '=';
    const where = `($1::text is null or store ${compare} $1) and ($2::text is null or actor ${compare} $2)
      and ($3::text is null or action = $3) and ($4::text is null or store is not null or actor = $4)`;
    const pattern = (value: string | undefined) => {
      if (value === undefined) return null;
      return partial ? `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : value;
    };
    const args = [
      pattern(filter.store),
      pattern(filter.actor),
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
