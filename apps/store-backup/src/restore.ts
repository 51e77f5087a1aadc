import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { extractArchive } from './archive.js';
import type { Log } from './backup.js';
import type { RestoreEnv } from './config.js';
import { databaseClient, type DatabaseClient } from './database.js';
import { StripDefiners } from './definers.js';
import { Digest } from './digest.js';
import { refusedError, usageError } from './errors.js';
import { manifestKey, parseBackupFolder } from './keys.js';
import { parseManifest, type Manifest } from './manifest.js';
import { run } from './run.js';
import { getStream, getText, openBucket, type Bucket } from './s3.js';
import { siteUrlCommand } from './site-url.js';
import { discardStaging, prepareStaging, swapIn } from './uploads.js';

const nothingChanged = 'nothing was changed';

/** Reads and checks the manifest; a missing or unreadable one refuses the restore (exit 3). */
async function readManifest(bucket: Bucket, folder: string): Promise<Manifest> {
  const text = await getText(bucket, manifestKey(folder));
  if (text === undefined) {
    throw refusedError(
      `no ${manifestKey(folder)} in bucket ${bucket.name}: not a complete backup; ${nothingChanged}`,
    );
  }
  try {
    return parseManifest(text);
  } catch (error) {
    throw refusedError(`${(error as Error).message}; ${nothingChanged}`);
  }
}

/** Streams the archive once and compares its sha256 and size with the manifest's (exit 3 on a difference). */
async function verifyArchive(bucket: Bucket, manifest: Manifest): Promise<void> {
  const expected = manifest.archive.sha256;
  const body = await getStream(bucket, manifest.archive.key);
  if (!body) {
    throw refusedError(
      `archive checksum mismatch: expected ${expected}, got no object (${manifest.archive.key} is missing); ${nothingChanged}`,
    );
  }
  const digest = new Digest();
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(body, digest, discard);
  const got = digest.sha256();
  if (got !== expected || digest.bytes !== manifest.archive.bytes) {
    throw refusedError(
      `archive checksum mismatch: expected ${expected} (${manifest.archive.bytes} bytes), got ${got} (${digest.bytes} bytes); ${nothingChanged}`,
    );
  }
}

/**
 * MariaDB/MySQL: removes every table first, so that the database holds exactly what the backup holds (the dump
 * drops and recreates only its own tables; one a plugin added since would stay).
 */
const dropAllTables = `SET SESSION group_concat_max_len = 1048576;
SET FOREIGN_KEY_CHECKS = 0;
SET @tables = (SELECT GROUP_CONCAT(CONCAT('\`', REPLACE(table_name, '\`', '\`\`'), '\`'))
  FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE');
SET @statement = IF(@tables IS NULL, 'DO 0', CONCAT('DROP TABLE IF EXISTS ', @tables));
PREPARE drop_tables FROM @statement;
EXECUTE drop_tables;
DEALLOCATE PREPARE drop_tables;
`;

async function loadDatabase(db: DatabaseClient, kind: 'mysql' | 'postgres', sql: Readable): Promise<void> {
  if (kind === 'postgres') return run(db.load, { stdin: sql }).then(() => undefined);
  await run(db.load, { stdin: Readable.from([dropAllTables]) });
  const strip = new StripDefiners();
  sql.once('error', (error) => strip.destroy(error));
  await run(db.load, { stdin: sql.pipe(strip) });
}

/** What a restore did, for the summary line. */
export interface RestoreResult {
  manifest: Manifest;
  uploads: { files: number; bytes: number };
  siteUrl: string | undefined;
}

/**
 * `restore`: refuses a backup whose archive does not match its manifest before touching anything; then loads the
 * dump into the database, extracts the uploads beside the live ones and swaps them in, and (SITE_URL) points a
 * WordPress clone at its new host.
 */
export async function restore(env: RestoreEnv, log: Log): Promise<RestoreResult> {
  const bucket = openBucket(env);
  const folder = env.BACKUP_KEY;
  const { backupId } = parseBackupFolder(folder);
  const db = await databaseClient({
    kind: env.DB_KIND,
    host: env.DB_HOST,
    port: env.DB_PORT,
    name: env.DB_NAME,
    user: env.DB_USER,
    password: env.DB_PASSWORD,
  });
  try {
    const manifest = await readManifest(bucket, folder);
    if (manifest.database.kind !== env.DB_KIND) {
      throw usageError(
        `backup ${backupId} holds a ${manifest.database.kind} database, this store's is ${env.DB_KIND}; ${nothingChanged}`,
      );
    }
    log(`verifying ${manifest.archive.key} (${manifest.archive.bytes} bytes) against its manifest`);
    await verifyArchive(bucket, manifest);
    log('checksum matches; restoring');

    const staging = env.UPLOADS_DIR ? await prepareStaging(env.UPLOADS_DIR, backupId) : undefined;
    const body = await getStream(bucket, manifest.archive.key);
    if (!body) throw new Error(`${manifest.archive.key} disappeared after it was verified`);
    let result;
    try {
      result = await extractArchive(body, (sql) => loadDatabase(db, env.DB_KIND, sql), staging);
    } catch (error) {
      if (env.UPLOADS_DIR) await discardStaging(env.UPLOADS_DIR, backupId);
      throw error;
    }
    if (!result.database) throw new Error(`${manifest.archive.key} holds no database.sql`);
    log(`loaded ${manifest.database.bytes} bytes of SQL into ${env.DB_NAME}`);
    if (env.SITE_URL) {
      if (env.ENGINE === 'woocommerce') {
        await run(siteUrlCommand(db, env.SITE_URL));
        log(`WordPress home and siteurl set to ${env.SITE_URL}`);
      } else {
        log(`SITE_URL is ignored for ${env.ENGINE}: its URLs are not stored in the database`);
      }
    }
    if (env.UPLOADS_DIR) {
      await swapIn(env.UPLOADS_DIR, backupId);
      log(`uploads replaced: ${result.uploads.files} files, ${result.uploads.bytes} bytes`);
    }
    return { manifest, uploads: result.uploads, siteUrl: env.SITE_URL };
  } finally {
    await db.close();
    bucket.client.destroy();
  }
}
