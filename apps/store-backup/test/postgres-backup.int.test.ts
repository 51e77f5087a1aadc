/**
 * A Medusa-like store on PostgreSQL (the integration run's server, a database of its own) and rclone serve s3:
 * pg_dump's backup brings back the rows deleted after it and removes the ones added.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { startLocalS3, type LocalS3 } from '@store-platform/test-cluster';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

import { runCli, s3Env } from './cli.js';

const exec = promisify(execFile);
let s3: LocalS3;
const server = new URL(inject('databaseUrl'));
const database = 'pgbackup_medusa';

/** Runs SQL with psql on `db` of the run's PostgreSQL. */
const psql = async (sql: string, db = database) =>
  (
    await exec('psql', [
      '--no-psqlrc',
      '--tuples-only',
      '--no-align',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      server.hostname,
      '-p',
      server.port,
      '-U',
      server.username,
      '-d',
      db,
      '-c',
      sql,
    ])
  ).stdout;

beforeAll(async () => {
  s3 = await startLocalS3();
  await psql(`DROP DATABASE IF EXISTS ${database}`, 'postgres');
  await psql(`CREATE DATABASE ${database}`, 'postgres');
  await psql(`
    CREATE TABLE product (id text PRIMARY KEY, title text NOT NULL, metadata jsonb);
    CREATE TABLE "order" (id text PRIMARY KEY, display_id serial, email text NOT NULL, created_at timestamptz DEFAULT now());
    CREATE TABLE order_line_item (id text PRIMARY KEY, order_id text REFERENCES "order"(id), product_id text REFERENCES product(id), quantity int NOT NULL);
    INSERT INTO product VALUES ('prod_1', 'Mug', '{"color": "blue"}'), ('prod_2', 'Café T-shirt', null);
    INSERT INTO "order" (id, email) SELECT 'order_' || g, 'buyer' || g || '@example.com' FROM generate_series(1, 50) g;
    INSERT INTO order_line_item SELECT 'item_' || g, 'order_' || g, 'prod_' || (1 + g % 2), g FROM generate_series(1, 50) g;
  `);
});

afterAll(async () => {
  await s3?.stop();
  await psql(`DROP DATABASE IF EXISTS ${database}`, 'postgres');
});

const state = () =>
  psql(`SELECT id, title, metadata FROM product ORDER BY id;
        SELECT id, display_id, email FROM "order" ORDER BY display_id;
        SELECT id, order_id, product_id, quantity FROM order_line_item ORDER BY id;`);

it('backs up and restores a Medusa-like PostgreSQL store', async () => {
  const env = {
    STORE_NAME: 'pg-medusa',
    ENGINE: 'medusa',
    DB_KIND: 'postgres',
    DB_HOST: server.hostname,
    DB_PORT: server.port,
    DB_NAME: database,
    DB_USER: server.username,
    // The run's server trusts local connections; the tool passes it through PGPASSWORD all the same.
    DB_PASSWORD: 'unused-by-trust',
    ...s3Env(s3, 'pg/'),
  };
  const before = await state();
  const backup = await runCli(['backup'], { ...env, BACKUP_ID: 'medusa-1', ENGINE_VERSION: '2.21.2' });
  expect(backup.code, backup.stderr).toBe(0);

  await psql(`DELETE FROM order_line_item WHERE quantity > 10; DELETE FROM "order" WHERE id IN ('order_20', 'order_30');
    INSERT INTO product VALUES ('prod_3', 'Added later', null); UPDATE product SET title = 'Renamed' WHERE id = 'prod_1';`);
  expect(await state()).not.toBe(before);

  const restore = await runCli(['restore'], { ...env, BACKUP_KEY: 'pg/stores/pg-medusa/medusa-1/' });
  expect(restore.code, restore.stderr).toBe(0);
  expect(await state()).toBe(before);
  // The serial goes on from where the backup left it.
  expect(
    await psql(
      `INSERT INTO "order" (id, email) VALUES ('order_new', 'new@example.com') RETURNING display_id`,
    ),
  ).toMatch(/^51\n/);
});
