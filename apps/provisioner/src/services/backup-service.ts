import type { BackupView, EngineId, StoreView } from '@store-platform/contracts';

import type { Settings } from '../config/settings.js';
import type { Backup } from '../domain/backup.js';
import { PlatformError } from '../domain/errors.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { BackupJobs } from './provisioning/backup-jobs.js';
import { storeView } from './views.js';

/** Why backups, restores and clones answer 503: nowhere to put them. */
export const notConfigured = () =>
  new PlatformError(
    'backups_not_configured',
    "backups are not configured: the platform has no backup storage (the store-platform chart's backups.s3 or backups.local sets BACKUP_S3_ENDPOINT)",
  );

/** A backup as the API shows it. */
export function backupView(backup: Backup): BackupView {
  return {
    id: backup.id,
    store: backup.storeName,
    status: backup.status,
    reason: backup.reason,
    createdBy: backup.createdBy,
    createdAt: backup.createdAt.toISOString(),
    finishedAt: backup.finishedAt?.toISOString() ?? null,
    operationId: backup.operationId,
    objectKey: backup.objectKey,
    sizeBytes: backup.sizeBytes,
    sha256: backup.sha256,
    engine: backup.engine,
    engineVersion: backup.engineVersion,
    error: backup.error,
  };
}

/**
 * The API's side of backups, restores and clones (docs/decisions/012-backups.md): backups and restores are
 * operations, recorded and queued like every store write; `jobs` is absent when backups are not configured.
 */
export class BackupService {
  constructor(
    private readonly repository: StoreRepository,
    private readonly queue: JobQueue,
    private readonly jobs: BackupJobs | undefined,
    private readonly settings: Pick<Settings, 'BASE_DOMAIN'>,
  ) {}

  private configured(): BackupJobs {
    if (!this.jobs) throw notConfigured();
    return this.jobs;
  }

  /** Starts a backup of a Running store (the backup operation: services/provisioning/backup-flow.ts). */
  async backup(name: string, actor: string): Promise<StoreView> {
    this.configured();
    const { store, operation } = await this.repository.startOperation({ name, kind: 'backup', actor });
    await this.queue.enqueue({ operationId: operation.id, storeName: store.name });
    await this.repository.appendActivity({ actor, action: 'backup', store: store.name, result: 'accepted' });
    return storeView(store, operation, this.settings.BASE_DOMAIN);
  }

  /** The store's backups, newest first; a deleted store's too (what a clone can start from). */
  async list(name: string): Promise<BackupView[]> {
    const jobs = this.configured();
    const backups = await jobs.list(name);
    if (backups.length === 0 && !(await this.repository.getStore(name))) {
      throw new PlatformError('not_found', `no store named "${name}" and no backups of one`);
    }
    return backups.map(backupView);
  }

  /** Removes a backup's objects and its record (admins); refused while it is being taken. */
  async remove(name: string, id: string, actor: string): Promise<void> {
    const jobs = this.configured();
    const backup = await jobs.get(id);
    if (!backup || backup.storeName !== name) {
      throw new PlatformError('not_found', `store "${name}" has no backup ${id}`);
    }
    if (backup.status === 'pending' || backup.status === 'running') {
      throw new PlatformError('conflict', `backup ${id} is still being taken; delete it once it has ended`);
    }
    const objects = await jobs.remove(backup);
    await this.repository.appendActivity({
      actor,
      action: 'backup-delete',
      store: name,
      result: 'succeeded',
      detail: `backup ${id} of ${backup.createdAt.toISOString()} (${objects} objects)`,
    });
  }

  /** Starts a restore of one of the store's complete backups (If-Match: the store's version). */
  async restore(name: string, id: string, actor: string, expectedVersion: number): Promise<StoreView> {
    const jobs = this.configured();
    const backup = await jobs.get(id);
    if (!backup || backup.storeName !== name) {
      throw new PlatformError('backup_unusable', `store "${name}" has no backup ${id}`, { field: 'backup' });
    }
    if (backup.status !== 'succeeded') {
      throw new PlatformError(
        'backup_unusable',
        `backup ${id} is ${backup.status}: only a complete backup can be restored`,
        {
          field: 'backup',
        },
      );
    }
    const { store, operation } = await this.repository.startOperation({
      name,
      kind: 'restore',
      actor,
      expectedVersion,
      request: { backup: id },
    });
    await this.queue.enqueue({ operationId: operation.id, storeName: store.name });
    await this.repository.appendActivity({
      actor,
      action: 'restore',
      store: store.name,
      result: 'accepted',
      detail: `from backup ${id}`,
    });
    return storeView(store, operation, this.settings.BASE_DOMAIN);
  }

  /** Refuses a clone (POST /stores with fromBackup) from a backup that is missing, incomplete or of another engine. */
  async cloneSource(id: string, engine: EngineId): Promise<void> {
    const jobs = this.configured();
    const backup = await jobs.get(id);
    const refuse = (why: string) => new PlatformError('backup_unusable', why, { field: 'fromBackup' });
    if (!backup) throw refuse(`there is no backup ${id}`);
    if (backup.status !== 'succeeded') {
      throw refuse(`backup ${id} is ${backup.status}: only a complete backup can be cloned`);
    }
    if (backup.engine !== engine) {
      throw refuse(`backup ${id} is of a ${backup.engine} store; a ${engine} store cannot be made from it`);
    }
  }
}
