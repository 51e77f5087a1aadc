import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

import tar from 'tar-stream';

import { packArchive } from './archive.js';
import type { BackupEnv } from './config.js';
import { databaseClient } from './database.js';
import { Digest } from './digest.js';
import { archiveKey, backupPrefix, manifestKey } from './keys.js';
import type { Manifest } from './manifest.js';
import { run } from './run.js';
import { openBucket, putText, uploadStream } from './s3.js';

/** Progress lines for the Job's log (stderr; stdout carries only the summary). */
export type Log = (message: string) => void;

/**
 * `backup`: dumps the database, archives it with the uploads and streams the archive to the bucket, then writes
 * the manifest (last: its presence makes the backup complete). Returns the manifest.
 */
export async function backup(env: BackupEnv, log: Log): Promise<Manifest> {
  const folder = backupPrefix(env.S3_PREFIX, env.STORE_NAME, env.BACKUP_ID);
  const bucket = openBucket(env);
  const db = await databaseClient({
    kind: env.DB_KIND,
    host: env.DB_HOST,
    port: env.DB_PORT,
    name: env.DB_NAME,
    user: env.DB_USER,
    password: env.DB_PASSWORD,
  });
  // The dump is kept gzipped in a temp dir until it is archived: a tar entry's header states its size before
  // its body, which a dump still running cannot give. Compressed, it takes a fraction of the database's size.
  const temp = await mkdtemp(path.join(os.tmpdir(), 'store-backup-dump-'));
  const dumpFile = path.join(temp, 'database.sql.gz');
  try {
    log(`dumping ${env.DB_KIND} database ${env.DB_NAME} on ${env.DB_HOST}:${env.DB_PORT}`);
    const counted = new Digest();
    const gzip = createGzip();
    const writing = pipeline(counted, gzip, createWriteStream(dumpFile, { mode: 0o600 }));
    await run(db.dump, { stdout: counted });
    await writing;
    log(`dumped ${counted.bytes} bytes of SQL`);

    const key = archiveKey(folder);
    log(`archiving the dump and ${env.UPLOADS_DIR ?? 'no uploads folder'} to ${env.S3_BUCKET}/${key}`);
    const pack = tar.pack();
    const archive = new Digest();
    const gzipArchive = createGzip();
    const packing = packArchive(
      pack,
      { open: () => createReadStream(dumpFile).pipe(createGunzip()), bytes: counted.bytes },
      env.UPLOADS_DIR,
    );
    // A failure anywhere (a file that vanished, the bucket refusing a part) destroys every stream of the chain.
    const compressing = pipeline(pack, gzipArchive, archive);
    const uploading = uploadStream(bucket, key, archive, 'application/gzip');
    const [uploads] = await Promise.all([
      packing.catch((error: unknown) => {
        pack.destroy(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }),
      compressing,
      uploading,
    ]);
    const manifest: Manifest = {
      format: 1,
      backupId: env.BACKUP_ID,
      store: env.STORE_NAME,
      engine: env.ENGINE,
      engineVersion: env.ENGINE_VERSION,
      createdAt: new Date().toISOString(),
      chartValues: env.CHART_VALUES_JSON,
      database: { kind: env.DB_KIND, name: env.DB_NAME, bytes: counted.bytes },
      uploads,
      archive: { key, bytes: archive.bytes, sha256: archive.sha256() },
    };
    await putText(bucket, manifestKey(folder), `${JSON.stringify(manifest, null, 2)}\n`, 'application/json');
    log(`wrote ${manifestKey(folder)}`);
    return manifest;
  } finally {
    await rm(temp, { recursive: true, force: true });
    await db.close();
    bucket.client.destroy();
  }
}
