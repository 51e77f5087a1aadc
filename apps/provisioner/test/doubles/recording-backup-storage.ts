import { createHash } from 'node:crypto';

import type { BackupStorage } from '../../src/ports/backup-storage.js';

/** A bucket in memory for unit tests: objects by key; a test corrupts one by changing its bytes. */
export class RecordingBackupStorage implements BackupStorage {
  readonly objects = new Map<string, Buffer>();
  readonly calls: string[] = [];

  /** Writes what the backup tool would (archive then manifest) for backup `id` of `store` under `prefix`. */
  writeBackup(prefix: string, store: string, id: string, archive = Buffer.from(`archive of ${store}`)): void {
    const key = `${prefix}archive.tar.gz`;
    this.objects.set(key, archive);
    const manifest = {
      format: 1,
      backupId: id,
      store,
      engine: 'woocommerce',
      engineVersion: 'chart-default',
      createdAt: new Date(0).toISOString(),
      chartValues: {},
      database: { kind: 'mysql', name: 'wordpress', bytes: 10 },
      uploads: { files: 1, bytes: 5 },
      archive: { key, bytes: archive.length, sha256: createHash('sha256').update(archive).digest('hex') },
    };
    this.objects.set(`${prefix}manifest.json`, Buffer.from(JSON.stringify(manifest)));
  }

  async readManifest(key: string): Promise<unknown> {
    this.calls.push(`readManifest ${key}`);
    const body = this.objects.get(key);
    return body ? (JSON.parse(body.toString()) as unknown) : undefined;
  }

  async verifyArchive(key: string, expected: { sha256: string; bytes: number }) {
    this.calls.push(`verifyArchive ${key}`);
    const body = this.objects.get(key);
    if (!body) return `the archive ${key} is missing`;
    const sha256 = createHash('sha256').update(body).digest('hex');
    if (sha256 !== expected.sha256) return `the archive's sha256 is ${sha256}, not ${expected.sha256}`;
    return body.length === expected.bytes ? undefined : 'the archive has another size';
  }

  async deletePrefix(prefix: string): Promise<number> {
    this.calls.push(`deletePrefix ${prefix}`);
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix));
    for (const key of keys) this.objects.delete(key);
    return keys.length;
  }
}
