import { mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

import tar from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { extractArchive, packArchive } from './archive.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'store-backup-archive-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The gzipped archive `fill` writes, as one buffer. */
async function archive(fill: (pack: tar.Pack) => Promise<unknown>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collecting = pipeline(pack, createGzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  await Promise.all([fill(pack), collecting]);
  return Buffer.concat(chunks);
}

const sql = '-- dump\nINSERT INTO t VALUES (1);\n';
const dump = { open: () => Readable.from([Buffer.from(sql)]), bytes: Buffer.byteLength(sql) };

describe('archive.tar.gz', () => {
  it('holds database.sql and uploads/ with their modes and links, and reads them back in one pass', async () => {
    const uploads = path.join(dir, 'uploads');
    await mkdir(path.join(uploads, '2024/05'), { recursive: true });
    await writeFile(path.join(uploads, '2024/05/mug.jpg'), Buffer.from([0, 1, 2, 255]));
    await writeFile(path.join(uploads, 'private.txt'), 'secret', { mode: 0o600 });
    await symlink('2024/05/mug.jpg', path.join(uploads, 'latest.jpg'));
    await mkdir(path.join(uploads, '.restore-old'));
    await writeFile(path.join(uploads, '.restore-old/leftover'), 'x');
    let stats;
    const bytes = await archive(async (pack) => (stats = await packArchive(pack, dump, uploads)));
    expect(stats).toEqual({ files: 2, bytes: 10 });

    const target = path.join(dir, 'restored');
    await mkdir(target);
    let loaded = '';
    const result = await extractArchive(
      Readable.from([bytes]),
      async (stream) => {
        for await (const chunk of stream) loaded += String(chunk);
      },
      target,
    );
    expect(result).toEqual({ database: true, uploads: { files: 2, bytes: 10 } });
    expect(loaded).toBe(sql);
    expect(await readFile(path.join(target, '2024/05/mug.jpg'))).toEqual(Buffer.from([0, 1, 2, 255]));
    expect((await stat(path.join(target, 'private.txt'))).mode & 0o777).toBe(0o600);
    expect(await readlink(path.join(target, 'latest.jpg'))).toBe('2024/05/mug.jpg');
    // A restore's leftovers are not the store's uploads.
    await expect(stat(path.join(target, '.restore-old'))).rejects.toThrow('ENOENT');
  });

  it('refuses an entry that would land outside uploads/', async () => {
    const bytes = await archive(async (pack) => {
      pack.entry({ name: 'database.sql' }, '');
      pack.entry({ name: 'uploads/../../escaped.txt' }, 'x');
      pack.finalize();
    });
    const target = path.join(dir, 'restored');
    await mkdir(target);
    await expect(extractArchive(Readable.from([bytes]), async () => undefined, target)).rejects.toThrow(
      'points outside uploads/',
    );
    await expect(stat(path.join(dir, 'escaped.txt'))).rejects.toThrow('ENOENT');
  });
});
