import { createReadStream, createWriteStream } from 'node:fs';
import { chown, lstat, mkdir, readdir, readlink, symlink, utimes, chmod } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import tar from 'tar-stream';

// archive.tar.gz (docs/decisions/012-backups.md): `database.sql` first, then `uploads/` as the volume is, owners
// and modes kept. Written and read as streams with tar-stream (docs/decisions/013-store-backup-tool.md).

/** The dump's entry name and the uploads folder's, in the archive. */
export const databaseEntry = 'database.sql';
export const uploadsEntry = 'uploads/';

/** What went into the uploads part of an archive. */
export interface UploadsStats {
  files: number;
  bytes: number;
}

/** Every path under `root` (relative, sorted, folders before their contents). */
async function walk(root: string, relative = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const names = entries.map((e) => e.name).sort();
  const result: string[] = [];
  for (const name of names) {
    const child = path.posix.join(relative, name);
    result.push(child);
    const entry = entries.find((e) => e.name === name);
    if (entry?.isDirectory()) result.push(...(await walk(root, child)));
  }
  return result;
}

/** Writes one entry whose body is `body` (exactly `size` bytes) into `pack`. */
function entryFromStream(
  pack: tar.Pack,
  header: Partial<tar.Header> & { name: string },
  body: Readable,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const sink = pack.entry(header, (error) => (error ? reject(error) : resolve()));
    body.once('error', (error) => {
      sink.destroy(error);
      reject(error);
    });
    body.pipe(sink);
  });
}

/**
 * Fills `pack` with the dump (`dump()` opens it again, `dumpBytes` long: a tar header needs the size before the
 * body) and the folder `uploadsDir` (none: an empty `uploads/`), then finalizes it.
 */
export async function packArchive(
  pack: tar.Pack,
  dump: { open(): Readable; bytes: number },
  uploadsDir: string | undefined,
): Promise<UploadsStats> {
  const stats = { files: 0, bytes: 0 };
  const now = new Date();
  await entryFromStream(
    pack,
    { name: databaseEntry, size: dump.bytes, mode: 0o600, mtime: now },
    dump.open(),
  );
  if (!uploadsDir) {
    pack.entry({ name: uploadsEntry, type: 'directory', mode: 0o755, mtime: now });
    pack.finalize();
    return stats;
  }
  const rootStat = await lstat(uploadsDir);
  pack.entry({
    name: uploadsEntry,
    type: 'directory',
    mode: rootStat.mode & 0o7777,
    uid: rootStat.uid,
    gid: rootStat.gid,
    mtime: rootStat.mtime,
  });
  // A restore's staging and set-aside folders (src/uploads.ts) are not part of the store's uploads.
  const restoreLeftovers = /^\.(restore|replaced)-[^/]*(\/|$)/;
  for (const relative of (await walk(uploadsDir)).filter((p) => !restoreLeftovers.test(p))) {
    const full = path.join(uploadsDir, relative);
    const info = await lstat(full);
    const header = {
      name: `${uploadsEntry}${relative}`,
      mode: info.mode & 0o7777,
      uid: info.uid,
      gid: info.gid,
      mtime: info.mtime,
    };
    if (info.isDirectory()) {
      pack.entry({ ...header, name: `${header.name}/`, type: 'directory' });
    } else if (info.isSymbolicLink()) {
      pack.entry({ ...header, type: 'symlink', linkname: await readlink(full) });
    } else if (info.isFile()) {
      await entryFromStream(pack, { ...header, type: 'file', size: info.size }, createReadStream(full));
      stats.files += 1;
      stats.bytes += info.size;
    }
    // Sockets, FIFOs and devices have no place in an uploads folder and are left out.
  }
  pack.finalize();
  return stats;
}

/** The path inside `root` for an archive path under `uploads/`, refusing any that would leave it. */
function inside(root: string, name: string): string {
  const relative = name.slice(uploadsEntry.length);
  const target = path.resolve(root, relative);
  if (target !== root && !target.startsWith(`${root}${path.sep}`)) {
    throw new Error(`archive entry ${name} points outside uploads/`);
  }
  return target;
}

/**
 * Reads a gzipped archive once: hands `database.sql` to `loadDatabase` as a stream, and writes `uploads/` into
 * `uploadsTarget` (when given; skipped otherwise) with the archived modes, times and, when run as root, owners.
 */
export async function extractArchive(
  source: Readable,
  loadDatabase: (sql: Readable) => Promise<void>,
  uploadsTarget: string | undefined,
): Promise<{ database: boolean; uploads: UploadsStats }> {
  const extract = tar.extract();
  const feeding = pipeline(source, createGunzip(), extract);
  const stats = { files: 0, bytes: 0 };
  let database = false;
  const asRoot = process.getuid?.() === 0;
  // Folders get their mode and time after their contents are written (a read-only folder, a changed mtime).
  const folders: { target: string; header: tar.Header }[] = [];
  const links: { target: string; linkname: string }[] = [];
  const consuming = (async () => {
    for await (const entry of extract) {
      const { header } = entry;
      if (header.name === databaseEntry) {
        await loadDatabase(entry as unknown as Readable);
        database = true;
      } else if (uploadsTarget && header.name.startsWith(uploadsEntry)) {
        const target = inside(uploadsTarget, header.name);
        if (header.type === 'directory') {
          await mkdir(target, { recursive: true });
          folders.push({ target, header });
          entry.resume();
        } else if (header.type === 'file') {
          await mkdir(path.dirname(target), { recursive: true });
          await pipeline(entry, createWriteStream(target, { mode: header.mode ?? 0o644 }));
          await chmod(target, header.mode ?? 0o644);
          if (header.mtime) await utimes(target, header.mtime, header.mtime);
          stats.files += 1;
          stats.bytes += header.size ?? 0;
        } else if (header.type === 'symlink' && header.linkname) {
          // Made last: a later entry must never be written through a link (to a path outside uploads/).
          links.push({ target, linkname: header.linkname });
          entry.resume();
        } else {
          entry.resume();
        }
        if (asRoot && header.uid !== undefined && header.gid !== undefined && header.type !== 'symlink') {
          await chown(target, header.uid, header.gid);
        }
      } else {
        entry.resume();
      }
    }
  })().catch((error: unknown) => {
    // Stops the download too: nothing reads the archive any more.
    extract.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  });
  await Promise.all([feeding, consuming]);
  for (const { target, linkname } of links) await symlink(linkname, target);
  for (const { target, header } of folders.reverse()) {
    if (header.mode !== undefined) await chmod(target, header.mode);
    if (header.mtime) await utimes(target, header.mtime, header.mtime);
  }
  return { database, uploads: stats };
}
