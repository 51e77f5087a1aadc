/**
 * A backup of a shop taking orders (MariaDB from Debian's packages, rclone serve s3): every order restored has all
 * its items. Orders and their items are written in one transaction each; mysqldump dumps wp_wc_order_items before
 * wp_wc_orders, so a dump that is not one snapshot (no --single-transaction, no table locks) holds orders whose
 * items it missed.
 */
import { spawn } from 'node:child_process';

import {
  mariaDbClient,
  startLocalMariaDb,
  startLocalS3,
  type LocalMariaDb,
  type LocalS3,
} from '@store-platform/test-cluster';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { runCli, s3Env, summaryOf } from './cli.js';
import { wooSchema } from './woocommerce-schema.js';

let mariadb: LocalMariaDb;
let s3: LocalS3;
const password = 'orders-pw';

beforeAll(async () => {
  [mariadb, s3] = await Promise.all([startLocalMariaDb(), startLocalS3()]);
  for (const shop of ['cb_busy', 'cb_restored']) {
    await mariadb.sql(
      `CREATE DATABASE ${shop}; CREATE USER '${shop}'@'%' IDENTIFIED BY '${password}';
       GRANT ALL PRIVILEGES ON ${shop}.* TO '${shop}'@'%';`,
    );
  }
  // 30 000 orders of 3 items: enough rows that the dump takes a while as orders keep coming in.
  await mariadb.sql(
    `${wooSchema}
     INSERT INTO wp_wc_orders (item_count) SELECT 3 FROM seq_1_to_30000;
     INSERT INTO wp_wc_order_items (order_id, order_item_name)
       SELECT o.id, CONCAT('item ', s.seq, ' of a fairly long product name to make rows bigger') FROM wp_wc_orders o JOIN seq_1_to_3 s;`,
    'cb_busy',
  );
});

afterAll(async () => {
  await Promise.all([mariadb?.stop(), s3?.stop()]);
});

const shop = (name: string) => ({
  host: mariadb.host,
  port: mariadb.port,
  user: name,
  password,
  database: name,
});
const count = async (name: string, sql: string) => Number((await mariaDbClient(shop(name), sql)).trim());

/** A client inserting orders with their 3 items, one transaction each, as fast as it can, until stopped. */
function startOrders() {
  const child = spawn(
    'mariadb',
    [
      '--no-defaults',
      '--batch',
      `--host=${mariadb.host}`,
      `--port=${mariadb.port}`,
      '--user=cb_busy',
      'cb_busy',
    ],
    { env: { ...process.env, MYSQL_PWD: password }, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const order =
    "START TRANSACTION; INSERT INTO wp_wc_orders (item_count) VALUES (3); SET @o = LAST_INSERT_ID(); INSERT INTO wp_wc_order_items (order_id, order_item_name) VALUES (@o, 'a'), (@o, 'b'), (@o, 'c'); COMMIT;\n";
  let running = true;
  const writing = (async () => {
    while (running) {
      if (!child.stdin.write(order.repeat(50)))
        await new Promise((resolve) => child.stdin.once('drain', resolve));
    }
    child.stdin.end();
  })();
  return {
    stop: async () => {
      running = false;
      await writing;
      const code = await exited;
      if (code !== 0) throw new Error(`the order writer failed: ${stderr}`);
    },
  };
}

it('backs up a shop taking orders: every restored order has all its items', async () => {
  const common = {
    ENGINE: 'woocommerce',
    DB_KIND: 'mysql',
    DB_HOST: mariadb.host,
    DB_PORT: String(mariadb.port),
    DB_PASSWORD: password,
    ...s3Env(s3),
  };
  const writer = startOrders();
  const ordersAt = () => count('cb_busy', 'SELECT COUNT(*) FROM wp_wc_orders');
  // The writer is committing orders before the backup starts ...
  const atStart = await ordersAt();
  const backup = await runCli(['backup'], {
    ...common,
    STORE_NAME: 'cb-busy',
    DB_NAME: 'cb_busy',
    DB_USER: 'cb_busy',
    BACKUP_ID: 'under-writes',
    ENGINE_VERSION: '6.9.4-wc10.9.4',
  });
  const atEnd = await ordersAt();
  await writer.stop();
  expect(backup.code, backup.stderr).toBe(0);
  // ... and kept committing while it ran: the backup did not stop the shop.
  expect(atEnd).toBeGreaterThan(atStart);

  const restore = await runCli(['restore'], {
    ...common,
    STORE_NAME: 'cb-restored',
    DB_NAME: 'cb_restored',
    DB_USER: 'cb_restored',
    BACKUP_KEY: 'stores/cb-busy/under-writes/',
  });
  expect(restore.code, restore.stderr).toBe(0);
  const restored = await count('cb_restored', 'SELECT COUNT(*) FROM wp_wc_orders');
  expect(restored).toBeGreaterThanOrEqual(30_000);
  const incomplete = await count(
    'cb_restored',
    `SELECT COUNT(*) FROM wp_wc_orders o
     WHERE o.item_count <> (SELECT COUNT(*) FROM wp_wc_order_items i WHERE i.order_id = o.id)`,
  );
  const orphanItems = await count(
    'cb_restored',
    'SELECT COUNT(*) FROM wp_wc_order_items i LEFT JOIN wp_wc_orders o ON o.id = i.order_id WHERE o.id IS NULL',
  );
  expect({ incomplete, orphanItems }).toEqual({ incomplete: 0, orphanItems: 0 });
  const made = summaryOf(backup) as {
    seconds: number;
    database: { bytes: number };
    archive: { bytes: number };
  };
  console.log(
    `[store-backup] busy shop (${restored} orders): backup ${made.seconds} s while taking ${atEnd - atStart} orders, ` +
      `restore ${(summaryOf(restore) as { seconds: number }).seconds} s, SQL ${made.database.bytes} bytes, ` +
      `archive ${made.archive.bytes} bytes`,
  );
});
