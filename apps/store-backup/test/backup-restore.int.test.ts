/**
 * The backup tool against real servers: MariaDB from Debian's packages (test/cluster/src/mariadb.ts) and an
 * S3-compatible server on loopback (rclone serve s3, test/cluster/src/s3-server.ts). A WooCommerce-like shop is
 * backed up, changed, and restored; a corrupted archive is refused; a clone gets its new site URL.
 */
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  mariaDbClient,
  startLocalMariaDb,
  startLocalS3,
  type LocalMariaDb,
  type LocalS3,
} from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fingerprint, makeUploads, runCli, s3Env, summaryOf } from './cli.js';
import { wooRows, wooSchema } from './woocommerce-schema.js';

let mariadb: LocalMariaDb;
let s3: LocalS3;
let work: string;
// A password that needs quoting in the client's option file.
const shopPassword = 'p@ss "word" \\ with; spaces';

/** A shop database with its own user, as the store chart makes one. */
async function createShop(name: string, siteUrl?: string) {
  await mariadb.sql(
    `CREATE DATABASE ${name}; CREATE USER '${name}'@'%' IDENTIFIED BY '${shopPassword.replace(/\\/g, '\\\\')}';
     GRANT ALL PRIVILEGES ON ${name}.* TO '${name}'@'%';`,
  );
  if (siteUrl) await mariadb.sql(`${wooSchema}\n${wooRows(siteUrl)}`, name);
}

/** What the shop's user sees when it runs `sql` (tab-separated rows). */
const query = (shop: string, sql: string) =>
  mariaDbClient(
    { host: mariadb.host, port: mariadb.port, user: shop, password: shopPassword, database: shop },
    sql,
  );

const shopEnv = (shop: string, store: string, uploadsDir?: string) => ({
  STORE_NAME: store,
  ENGINE: 'woocommerce',
  DB_KIND: 'mysql',
  DB_HOST: mariadb.host,
  DB_PORT: String(mariadb.port),
  DB_NAME: shop,
  DB_USER: shop,
  DB_PASSWORD: shopPassword,
  UPLOADS_DIR: uploadsDir,
  ...s3Env(s3, 'platform/'),
});

const uploadsFiles = {
  '2024/05/mug.jpg': 300_000,
  '2024/05/mug-150x150.jpg': 12_000,
  '2024/06/t-shirt.png': 2_500_000,
  'woocommerce_uploads/.htaccess': 40,
  'woocommerce_uploads/invoice.pdf': 0,
};

/** The shop's orders, posts and name: what its owner would look at after a restore. */
const shopState = (shop: string) =>
  query(
    shop,
    `SELECT id, total_amount, item_count FROM wp_wc_orders ORDER BY id;
     SELECT order_id, order_item_name FROM wp_wc_order_items ORDER BY order_item_id;
     SELECT ID, post_title, post_content FROM wp_posts ORDER BY ID;
     SELECT option_name, option_value FROM wp_options ORDER BY option_name;`,
  );

beforeAll(async () => {
  [mariadb, s3] = await Promise.all([startLocalMariaDb(), startLocalS3()]);
  work = await mkdtemp(path.join(os.tmpdir(), 'store-backup-test-'));
});

afterAll(async () => {
  await Promise.all([mariadb?.stop(), s3?.stop()]);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('store-backup backup and restore (MariaDB, rclone serve s3)', () => {
  it('restores the rows deleted after the backup, removes the ones added, and the uploads byte for byte', async () => {
    await createShop('bk_shop1', 'https://shop1.example.com');
    const uploads = path.join(work, 'shop1-uploads');
    await makeUploads(uploads, uploadsFiles);
    const before = { rows: await shopState('bk_shop1'), files: await fingerprint(uploads) };
    const env = shopEnv('bk_shop1', 'bk-shop1', uploads);

    const started = Date.now();
    const backup = await runCli(['backup'], {
      ...env,
      BACKUP_ID: '20261203-shop1',
      ENGINE_VERSION: '6.9.4-wc10.9.4',
      CHART_VALUES_JSON: JSON.stringify({ store: { name: 'bk-shop1' }, plan: 'small' }),
    });
    const backupSeconds = (Date.now() - started) / 1000;
    expect(backup.code, backup.stderr).toBe(0);

    // The objects, where the design puts them; the manifest tells the truth about the archive.
    const folder = path.join(s3.dir, s3.bucket, 'platform', 'stores', 'bk-shop1', '20261203-shop1');
    const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8'));
    const archive = await readFile(path.join(folder, 'archive.tar.gz'));
    expect(manifest).toMatchObject({
      format: 1,
      backupId: '20261203-shop1',
      store: 'bk-shop1',
      engine: 'woocommerce',
      engineVersion: '6.9.4-wc10.9.4',
      chartValues: { store: { name: 'bk-shop1' }, plan: 'small' },
      database: { kind: 'mysql', name: 'bk_shop1' },
      uploads: { files: 5, bytes: 2_812_040 },
      archive: {
        key: 'platform/stores/bk-shop1/20261203-shop1/archive.tar.gz',
        bytes: archive.length,
        sha256: createHash('sha256').update(archive).digest('hex'),
      },
    });
    expect(manifest.database.bytes).toBeGreaterThan(1000);
    expect(summaryOf(backup)).toMatchObject({ command: 'backup', backupId: '20261203-shop1' });
    // The password went through the option file, never to the output.
    expect(backup.stdout + backup.stderr).not.toContain(shopPassword);

    // After the backup: orders and a post deleted, an order added, the name changed, files changed.
    await query(
      'bk_shop1',
      `DELETE FROM wp_wc_order_items WHERE order_id <= 5; DELETE FROM wp_wc_orders WHERE id <= 5;
       DELETE FROM wp_posts WHERE ID = 3; INSERT INTO wp_wc_orders (id, item_count) VALUES (999, 0);
       UPDATE wp_options SET option_value = 'Renamed' WHERE option_name = 'blogname';
       CREATE TABLE wp_new_plugin (id int);`,
    );
    await unlink(path.join(uploads, '2024/05/mug.jpg'));
    await writeFile(path.join(uploads, '2024/06/t-shirt.png'), 'overwritten');
    await makeUploads(uploads, { '2025/01/new.jpg': 1000 });
    expect(await shopState('bk_shop1')).not.toBe(before.rows);

    const restoreStarted = Date.now();
    const restore = await runCli(['restore'], {
      ...env,
      BACKUP_KEY: 'platform/stores/bk-shop1/20261203-shop1/',
    });
    const restoreSeconds = (Date.now() - restoreStarted) / 1000;
    expect(restore.code, restore.stderr).toBe(0);
    expect(await shopState('bk_shop1')).toBe(before.rows);
    expect(await query('bk_shop1', "SHOW TABLES LIKE 'wp_new_plugin'")).toBe('');
    // The view and the trigger came back too.
    expect(await query('bk_shop1', 'SELECT items FROM wp_order_totals WHERE order_id = 1')).toBe('2\n');
    expect(await query('bk_shop1', "SHOW TRIGGERS LIKE 'wp_posts'")).toContain('wp_posts_title');
    expect(await fingerprint(uploads)).toEqual(before.files);
    expect(summaryOf(restore)).toMatchObject({ command: 'restore', uploads: { files: 5, bytes: 2_812_040 } });
    console.log(
      `[store-backup] shop1: backup ${backupSeconds.toFixed(1)} s, restore ${restoreSeconds.toFixed(1)} s, ` +
        `archive ${archive.length} bytes (SQL ${manifest.database.bytes} bytes, uploads ${manifest.uploads.bytes} bytes)`,
    );
  });

  it('refuses a corrupted archive by its checksum and changes nothing', async () => {
    await createShop('bk_shop2', 'https://shop2.example.com');
    const uploads = path.join(work, 'shop2-uploads');
    await makeUploads(uploads, { '2024/01/a.jpg': 50_000, '2024/01/b.jpg': 70_000 });
    const env = shopEnv('bk_shop2', 'bk-shop2', uploads);
    const backup = await runCli(['backup'], {
      ...env,
      BACKUP_ID: 'corrupt',
      ENGINE_VERSION: '6.9.4-wc10.9.4',
    });
    expect(backup.code, backup.stderr).toBe(0);

    await query('bk_shop2', 'DELETE FROM wp_wc_order_items; DELETE FROM wp_wc_orders WHERE id > 10;');
    await unlink(path.join(uploads, '2024/01/a.jpg'));
    const changed = { rows: await shopState('bk_shop2'), files: await fingerprint(uploads) };

    // Bytes in the middle of the stored object flipped, as a failing disk would.
    const objectFile = path.join(s3.dir, s3.bucket, 'platform/stores/bk-shop2/corrupt/archive.tar.gz');
    const size = (await stat(objectFile)).size;
    const handle = await open(objectFile, 'r+');
    await handle.write(Buffer.from('corrupted!'), 0, 10, Math.floor(size / 2));
    await handle.close();

    const restore = await runCli(['restore'], { ...env, BACKUP_KEY: 'platform/stores/bk-shop2/corrupt/' });
    expect(restore.code).toBe(3);
    expect(restore.stderr).toMatch(
      /archive checksum mismatch: expected [0-9a-f]{64} \(\d+ bytes\), got [0-9a-f]{64} \(\d+ bytes\); nothing was changed/,
    );
    expect(await shopState('bk_shop2')).toBe(changed.rows);
    expect(await fingerprint(uploads)).toEqual(changed.files);

    // A backup whose archive is gone is refused the same way.
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    await client.send(
      new DeleteObjectCommand({ Bucket: s3.bucket, Key: 'platform/stores/bk-shop2/corrupt/archive.tar.gz' }),
    );
    client.destroy();
    const missing = await runCli(['restore'], { ...env, BACKUP_KEY: 'platform/stores/bk-shop2/corrupt/' });
    expect(missing.code, missing.stderr + missing.stdout).toBe(3);
    expect(missing.stderr).toContain('is missing); nothing was changed');
    expect(await shopState('bk_shop2')).toBe(changed.rows);
  });

  it('clones into another database with SITE_URL: WordPress answers on the new host', async () => {
    await createShop('bk_shop3', 'https://shop3.example.com');
    const backup = await runCli(['backup'], {
      ...shopEnv('bk_shop3', 'bk-shop3'),
      BACKUP_ID: 'for-clone',
      ENGINE_VERSION: '6.9.4-wc10.9.4',
    });
    expect(backup.code, backup.stderr).toBe(0);

    await createShop('bk_clone3');
    const uploads = path.join(work, 'clone3-uploads');
    await makeUploads(uploads, { 'stale.jpg': 10 });
    const restore = await runCli(['restore'], {
      ...shopEnv('bk_clone3', 'bk-clone3', uploads),
      BACKUP_KEY: 'platform/stores/bk-shop3/for-clone/',
      SITE_URL: 'https://clone3.example.com',
    });
    expect(restore.code, restore.stderr).toBe(0);
    expect(
      await query(
        'bk_clone3',
        "SELECT option_name, option_value FROM wp_options WHERE option_name IN ('home', 'siteurl') ORDER BY 1",
      ),
    ).toBe('home\thttps://clone3.example.com\nsiteurl\thttps://clone3.example.com\n');
    // The source shop keeps its own URL, and the clone has its orders.
    expect(await query('bk_shop3', "SELECT option_value FROM wp_options WHERE option_name = 'home'")).toBe(
      'https://shop3.example.com\n',
    );
    expect(await query('bk_clone3', 'SELECT COUNT(*) FROM wp_wc_orders')).toBe('20\n');
    // The backup had no uploads folder: the clone's uploads are the backup's (none).
    expect(await fingerprint(uploads)).toEqual({});
  });

  it('says which setting is missing and exits 2 before doing anything', async () => {
    const result = await runCli(['backup'], { ...shopEnv('bk_none', 'bk-none'), DB_HOST: undefined });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DB_HOST is not set');
    expect(result.stderr).toContain('BACKUP_ID is not set');
  });
});
