/**
 * Backups, restore and clone with the real backup tool: the local control plane (kube-apiserver, controllers, kwok),
 * the pinned Helm, PostgreSQL, a real S3 server on loopback (`rclone serve s3`, startLocalS3) and MariaDB from
 * Debian's packages (startLocalMariaDb). kwok runs no container, so the test plays each backup and restore Job by
 * running apps/store-backup's CLI on the host with the Job's own environment (real-backup-tool.ts); only the store's
 * database (a database of the test's MariaDB) and its uploads claim (a temp folder) stand in for what runs in the
 * store's namespace. What is asserted is what a shop's owner would see: rows and files back, a clone at its host.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  adminKube,
  mariaDbClient,
  startLocalMariaDb,
  startLocalS3,
  waitFor,
  type LocalMariaDb,
  type LocalS3,
} from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { backupSettings, startJobAgent } from './backup-job-agent.js';
import { useProvisioner } from './provisioner-process.js';
import { backupsOf, operationEnded } from './store-waits.js';
import { realToolPlay, type PlayedJob, type StoreStandIn } from './real-backup-tool.js';

const { kc } = adminKube(inject('kubeconfig'));
const baseDomain = '127.0.0.1.nip.io';
const shop = 'bkdata-shop';
const clone = 'bkdata-clone';
let s3: LocalS3;
let mariadb: LocalMariaDb;
let work: string;
let agent: Awaited<ReturnType<typeof startJobAgent<PlayedJob>>>;
const standIns = new Map<string, StoreStandIn>();

beforeAll(async () => {
  [s3, mariadb] = await Promise.all([startLocalS3(), startLocalMariaDb()]);
  work = await mkdtemp(path.join(os.tmpdir(), 'bkdata-'));
  agent = await startJobAgent(kc, {
    endpoint: s3.endpoint,
    commands: ['backup', 'restore'],
    play: realToolPlay((store) => {
      const standIn = standIns.get(store);
      if (!standIn) throw new Error(`the test made no stand-in database for store ${store}`);
      return standIn;
    }),
  });
}, 120_000);
afterAll(async () => {
  agent?.stop();
  await Promise.all([s3?.stop(), mariadb?.stop()]);
  if (work) await rm(work, { recursive: true, force: true });
});

const provisioner = useProvisioner(
  'backup_restore_data',
  backupSettings(() => s3, 'data/', { BASE_DOMAIN: baseDomain, UPDATE_TIMEOUT_SECONDS: '120' }),
);

/**
 * The store's stand-in: a database and user of its own on the test's MariaDB (every WooCommerce store's Job says
 * DB_NAME=wordpress, DB_USER=wordpress, so one server needs other names) and an uploads folder.
 */
async function standInFor(store: string): Promise<StoreStandIn> {
  const name = store.replace(/-/g, '_');
  const password = randomBytes(12).toString('hex');
  await mariadb.sql(
    `CREATE DATABASE ${name}; CREATE USER '${name}'@'%' IDENTIFIED BY '${password}';
     GRANT ALL PRIVILEGES ON ${name}.* TO '${name}'@'%';`,
  );
  const uploadsDir = path.join(work, `${store}-uploads`);
  await mkdir(uploadsDir, { recursive: true });
  const standIn = {
    host: mariadb.host,
    port: mariadb.port,
    database: name,
    user: name,
    password,
    uploadsDir,
  };
  standIns.set(store, standIn);
  return standIn;
}

/** Runs SQL as the store's own database user. */
const query = (store: string, sql: string) => {
  const s = standIns.get(store) as StoreStandIn;
  return mariaDbClient(
    { host: s.host, port: s.port, user: s.user, password: s.password, database: s.database },
    sql,
  );
};

/** A WooCommerce-like shop: WordPress's options and posts, WooCommerce's orders (HPOS tables) and their items. */
const shopSql = (siteUrl: string) => `
CREATE TABLE wp_options (option_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  option_name varchar(191) NOT NULL UNIQUE, option_value longtext NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE wp_posts (ID bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, post_title text NOT NULL,
  post_content longtext NOT NULL, post_type varchar(20) NOT NULL DEFAULT 'post') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE wp_wc_orders (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  status varchar(20) NOT NULL DEFAULT 'wc-processing', total_amount decimal(26,8) NOT NULL DEFAULT 0)
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE wp_wc_order_items (order_item_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id bigint unsigned NOT NULL, order_item_name text NOT NULL, KEY order_id (order_id))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TRIGGER wp_posts_title BEFORE INSERT ON wp_posts FOR EACH ROW SET NEW.post_title = TRIM(NEW.post_title);
INSERT INTO wp_options (option_name, option_value) VALUES ('siteurl', '${siteUrl}'), ('home', '${siteUrl}'),
  ('blogname', 'Café “Ünïcode” shop'), ('woocommerce_currency', 'EUR');
INSERT INTO wp_posts (post_title, post_content, post_type) VALUES ('Mug', 'A mug\\nwith two lines', 'product'),
  ('T-shirt', 'Cotton', 'product'), ('Hello', 'First post', 'post');
INSERT INTO wp_wc_orders (id, total_amount) SELECT seq, seq * 10.5 FROM seq_1_to_40;
INSERT INTO wp_wc_order_items (order_id, order_item_name) SELECT o.id, i.name FROM wp_wc_orders o
  JOIN (SELECT 'Mug' AS name UNION ALL SELECT 'T-shirt') i;
`;

/** The shop's orders, their items and its posts: what its owner looks at after a restore. */
const content = (store: string) =>
  query(
    store,
    `SELECT id, status, total_amount FROM wp_wc_orders ORDER BY id;
     SELECT order_id, order_item_name FROM wp_wc_order_items ORDER BY order_item_id;
     SELECT ID, post_title, post_content FROM wp_posts ORDER BY ID;`,
  );
const options = async (store: string) =>
  Object.fromEntries(
    (await query(store, 'SELECT option_name, option_value FROM wp_options ORDER BY option_name'))
      .trim()
      .split('\n')
      .map((line) => line.split('\t')),
  ) as Record<string, string>;

const uploadsFiles = {
  '2024/05/mug.jpg': 300_000,
  '2024/05/mug-150x150.jpg': 12_000,
  '2024/06/t-shirt.png': 1_500_000,
  'woocommerce_uploads/invoice.pdf': 0,
};

/** Every file under `dir` with its sha256: what "byte for byte" is checked against. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, full)] = sha256(await readFile(full));
  }
  return result;
}
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Waits for the real tool's run of the store's restore Job to end (it rejects if the tool failed). On the
 * simulated cluster the Job's pod completes as soon as it is created, so the provisioner may move on before the
 * tool is done; the result says whether the tool was still running when the operation ended.
 */
async function playedRestore(namespace: string, operationEnded: string | null | undefined) {
  const job = await waitFor(`the restore Job in ${namespace}`, async () =>
    agent
      .jobs()
      .find(
        (j) =>
          j.metadata?.namespace === namespace &&
          j.spec?.template.spec?.containers[0]?.args?.[0] === 'restore',
      ),
  );
  const key = `${namespace}/${job.metadata?.name}`;
  const played = await agent.playOf(key);
  if (!played) throw new Error(`no play of ${key}`);
  const endedAt = Date.parse(operationEnded ?? '');
  const lead = (played.finishedAt - endedAt) / 1000;
  console.info(
    `${key}: the real restore took ${played.seconds} s and ended ${Math.abs(lead)} s ${lead > 0 ? 'AFTER' : 'before'} the provisioner's operation`,
  );
  return played;
}

describe('backups and restores with the real tool', () => {
  let before: { rows: string; files: Record<string, string> };

  it('takes a backup of a shop: the real archive is listed with its size and sha256', async () => {
    const { api } = provisioner();
    const created = await api.call('POST', '/stores', {
      body: { name: shop, engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status).toBe(202);
    const standIn = await standInFor(shop);
    await mariadb.sql(shopSql(`https://${shop}.${baseDomain}`), standIn.database);
    for (const [name, size] of Object.entries(uploadsFiles)) {
      await mkdir(path.dirname(path.join(standIn.uploadsDir, name)), { recursive: true });
      await writeFile(path.join(standIn.uploadsDir, name), randomBytes(size));
    }
    before = { rows: await content(shop), files: await fingerprint(standIn.uploadsDir) };
    await api.waitForStatus(shop, 'running', 170_000);

    expect((await api.call('POST', `/stores/${shop}/backups`)).status).toBe(202);
    const store = await operationEnded(api, shop, 'backup');

    expect(store.operation?.phase, JSON.stringify(store.operation)).toBe('succeeded');
    const [listed] = await backupsOf(api, shop);
    const folder = path.join(s3.dir, s3.bucket, path.dirname(listed?.objectKey ?? 'none'));
    const archive = await readFile(path.join(folder, 'archive.tar.gz'));
    expect(listed).toMatchObject({ status: 'succeeded', reason: 'manual', sizeBytes: archive.length });
    expect(listed?.sha256).toBe(sha256(archive));
    // The tool's own manifest: the dump and every file of the uploads are in it.
    const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.uploads).toEqual({ files: 4, bytes: 1_812_000 });
    expect(manifest.database.bytes).toBeGreaterThan(2000);
    expect(agent.errors).toEqual([]);
  });

  it('restores it: the rows deleted after the backup are back, the uploads identical byte for byte', async () => {
    const { api } = provisioner();
    const [backup] = await backupsOf(api, shop);
    const uploads = standIns.get(shop)?.uploadsDir ?? '';
    await query(
      shop,
      `DELETE FROM wp_wc_order_items WHERE order_id <= 10; DELETE FROM wp_wc_orders WHERE id <= 10;
       DELETE FROM wp_posts WHERE ID = 3; UPDATE wp_wc_orders SET status = 'wc-refunded' WHERE id = 20;`,
    );
    await unlink(path.join(uploads, '2024/05/mug.jpg'));
    await writeFile(path.join(uploads, '2024/06/t-shirt.png'), 'overwritten');
    await writeFile(path.join(uploads, '2024/06/new.jpg'), randomBytes(1000));
    expect(await content(shop)).not.toBe(before.rows);

    const current = await api.store(shop);
    const started = await api.call('POST', `/stores/${shop}/restore`, {
      body: { backup: backup?.id },
      headers: { 'if-match': current.headers.get('etag') ?? '' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const store = await operationEnded(api, shop, 'restore');
    expect(store.operation?.phase, JSON.stringify(store.operation)).toBe('succeeded');
    expect(store.status).toBe('running');
    await playedRestore(`store-${shop}`, store.operation?.finishedAt);

    expect(await content(shop)).toBe(before.rows);
    expect(await fingerprint(uploads)).toEqual(before.files);
    // The safety backup the restore took first holds the shop as it was just before (the real tool's archive).
    const safety = (await backupsOf(api, shop)).find((b) => b.reason === 'before-restore');
    expect(safety?.status).toBe('succeeded');
    const archive = await readFile(path.join(s3.dir, s3.bucket, safety?.objectKey ?? 'none'));
    expect(safety?.sha256).toBe(sha256(archive));
    expect(agent.errors).toEqual([]);
  });

  it('clones it into a second store whose database has the rows and its own site URL', async () => {
    const { api } = provisioner();
    const backup = (await backupsOf(api, shop)).find((b) => b.reason === 'manual');
    const standIn = await standInFor(clone);
    const created = await api.call('POST', '/stores', {
      body: { name: clone, engine: 'woocommerce', plan: 'basic', fromBackup: backup?.id },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const store = await api.waitForStatus(clone, 'running', 170_000);
    await playedRestore(`store-${clone}`, store.operation?.finishedAt);

    expect(await content(clone)).toBe(before.rows);
    expect(await options(clone)).toMatchObject({
      home: `https://${clone}.${baseDomain}`,
      siteurl: `https://${clone}.${baseDomain}`,
      blogname: 'Café “Ünïcode” shop',
    });
    expect(await fingerprint(standIn.uploadsDir)).toEqual(before.files);
    // The original keeps its own host.
    expect((await options(shop)).home).toBe(`https://${shop}.${baseDomain}`);
    expect(agent.errors).toEqual([]);
  });
});
