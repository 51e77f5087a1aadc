import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { runner } from 'node-pg-migrate';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * Applies pending migrations. node-pg-migrate holds a PostgreSQL advisory lock while it runs, so replicas that
 * start together apply each migration once; the others wait for the lock (its default mode, `fail`, would stop
 * them) and then find nothing left to apply.
 */
export async function migrate(databaseUrl: string, log: (message: string) => void): Promise<void> {
  await runner({
    databaseUrl,
    dir: migrationsDir,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    count: Infinity,
    log,
    noLock: false,
    advisoryLockMode: 'wait',
  });
}
