import { randomUUID } from 'node:crypto';

import type { Backup } from '../../src/domain/backup.js';
import type { BackupRepository } from '../../src/ports/backup-repository.js';

/** The backups table in memory for unit tests. */
export class InMemoryBackupRepository implements BackupRepository {
  readonly backups = new Map<string, Backup>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async insert(input: Parameters<BackupRepository['insert']>[0]): Promise<Backup> {
    const backup: Backup = {
      ...input,
      id: randomUUID(),
      status: 'pending',
      createdAt: this.now(),
      finishedAt: null,
      objectKey: null,
      sizeBytes: null,
      sha256: null,
      error: null,
    };
    this.backups.set(backup.id, backup);
    return structuredClone(backup);
  }

  async markRunning(id: string): Promise<void> {
    const backup = this.backups.get(id);
    if (backup) backup.status = 'running';
  }

  async finish(id: string, outcome: Parameters<BackupRepository['finish']>[1]): Promise<void> {
    const backup = this.backups.get(id);
    if (!backup) return;
    Object.assign(backup, { finishedAt: this.now() }, outcome);
  }

  async get(id: string): Promise<Backup | undefined> {
    const backup = this.backups.get(id);
    return backup ? structuredClone(backup) : undefined;
  }

  async list(storeName: string): Promise<Backup[]> {
    return [...this.backups.values()]
      .filter((b) => b.storeName === storeName)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((b) => structuredClone(b));
  }

  async remove(id: string): Promise<void> {
    this.backups.delete(id);
  }
}
