import { randomBytes } from 'node:crypto';

import type { Settings } from '../../config/settings.js';
import {
  backupPrefixOf,
  manifestKeyOf,
  manifestProblem,
  type Backup,
  type BackupManifest,
} from '../../domain/backup.js';
import { credentialsSecretOf, namespaceOf } from '../../domain/naming.js';
import { storeLabels } from '../../domain/ownership.js';
import type { Store } from '../../domain/store.js';
import { engineFor } from '../../engines/index.js';
import type { BackupRepository } from '../../ports/backup-repository.js';
import type { BackupStorage } from '../../ports/backup-storage.js';
import type { StoreJobSpec } from '../../ports/kube-client.js';
import type { ProvisioningDeps } from './deps.js';
import type { BackupReason, StoreBackups } from './store-backups.js';
import type { StoreRestores } from './store-restores.js';
import { storeValues } from './store-values.js';

export type BackupSettings = Pick<
  Settings,
  | 'BACKUP_S3_ENDPOINT'
  | 'BACKUP_S3_BUCKET'
  | 'BACKUP_S3_REGION'
  | 'BACKUP_S3_PREFIX'
  | 'BACKUP_S3_FORCE_PATH_STYLE'
  | 'BACKUP_S3_ACCESS_KEY_ID'
  | 'BACKUP_S3_SECRET_ACCESS_KEY'
  | 'BACKUP_IMAGE'
  | 'BACKUP_JOB_TIMEOUT_SECONDS'
>;

/** The Secret with the bucket's keys that a Job of the store reads (owned by that Job, so it goes with it). */
export const backupTargetSecretOf = (store: string) => `${store}-backup-target`;
/** How long the manifest may take to appear after the Job completed: it is written last, the commit marker. */
const manifestWaitMs = 30_000;
/** Finished Jobs stay an hour, for their log; then the TTL controller removes them and their Secret. */
const keepFinishedSeconds = 3600;

/** The engine version a store runs: its setting, or the chart's default. */
export const engineVersionOf = (store: Pick<Store, 'settings'>) =>
  store.settings.engineVersion ?? 'chart-default';

/** Takes backups and restores them with Jobs in the store's namespace; records them (backups table). */
export class BackupJobs implements StoreBackups, StoreRestores {
  constructor(
    private readonly deps: Pick<ProvisioningDeps, 'kube' | 'waitFor' | 'settings'>,
    private readonly records: BackupRepository,
    private readonly storage: BackupStorage,
    private readonly backupSettings: BackupSettings,
  ) {}

  private prefixOf(storeName: string, id: string): string {
    return backupPrefixOf(this.backupSettings.BACKUP_S3_PREFIX, storeName, id);
  }

  /** The record of a backup taken by `operationId` for `reason`, made when there is none (a resumed operation). */
  async recordFor(store: Store, reason: BackupReason, operationId: string, actor: string): Promise<Backup> {
    const existing = (await this.records.list(store.name)).find(
      (b) => b.operationId === operationId && b.reason === reason,
    );
    if (existing) return existing;
    return this.records.insert({
      storeName: store.name,
      reason,
      createdBy: actor,
      operationId,
      engine: store.engine,
      engineVersion: engineVersionOf(store),
    });
  }

  /** Runs the backup Job of `backup` and waits for it to complete; throws with the pod's log tail when it fails. */
  async runBackupJob(store: Store, backup: Backup): Promise<string> {
    await this.records.markRunning(backup.id);
    const claim = engineFor(store.engine).uploadsClaim?.(store.name);
    const job = `${store.name}-backup-${backup.id.slice(0, 8)}`;
    const spec = this.jobSpec(store, job, 'backup', backup.id, {
      ENGINE_VERSION: engineVersionOf(store),
      CHART_VALUES_JSON: JSON.stringify(storeValues(store, this.deps.settings)),
    });
    if (claim) spec.uploads = { claim, readOnly: true, besideApp: true };
    await this.runAndWait(spec, store);
    return `Job ${job} completed`;
  }

  /**
   * Waits for the backup's manifest (written after the archive), streams the archive to check its sha256, and
   * records the backup as succeeded with its size and checksum.
   */
  async completeBackup(store: Store, backup: Backup): Promise<string> {
    const prefix = this.prefixOf(store.name, backup.id);
    const manifest = await this.deps
      .waitFor(
        `the manifest of backup ${backup.id}`,
        async () => (await this.storage.readManifest(manifestKeyOf(prefix))) ?? undefined,
        manifestWaitMs,
      )
      .catch(() => {
        throw new Error(
          `the backup Job completed but wrote no manifest within ${manifestWaitMs / 1000} s (${manifestKeyOf(prefix)}): the backup is incomplete`,
        );
      });
    const problem = manifestProblem(manifest, store.name, backup.id);
    if (problem) throw new Error(problem);
    const { archive } = manifest as BackupManifest;
    const corrupt = await this.storage.verifyArchive(archive.key, archive);
    if (corrupt) throw new Error(corrupt);
    await this.records.finish(backup.id, {
      status: 'succeeded',
      objectKey: archive.key,
      sizeBytes: archive.bytes,
      sha256: archive.sha256,
    });
    return `archive ${archive.key}: ${archive.bytes} bytes, sha256 ${archive.sha256} checked`;
  }

  async takeBackup(store: Store, reason: BackupReason, operationId: string, actor: string): Promise<string> {
    const backup = await this.recordFor(store, reason, operationId, actor);
    try {
      await this.runBackupJob(store, backup);
      await this.completeBackup(store, backup);
      return backup.id;
    } catch (error) {
      await this.records.finish(backup.id, { status: 'failed', error: messageOf(error) });
      throw error;
    }
  }

  /** Records why a backup failed. */
  failed(id: string, error: unknown): Promise<void> {
    return this.records.finish(id, { status: 'failed', error: messageOf(error) });
  }

  async latest(storeName: string) {
    const found = (await this.records.list(storeName)).find((b) => b.status === 'succeeded');
    return found ? { id: found.id, createdAt: found.createdAt } : null;
  }

  async removeAll(storeName: string): Promise<number> {
    const all = await this.records.list(storeName);
    for (const backup of all) await this.remove(backup);
    return all.length;
  }

  /** Removes one backup's objects, then its record. */
  async remove(backup: Backup): Promise<number> {
    const removed = await this.storage.deletePrefix(this.prefixOf(backup.storeName, backup.id));
    await this.records.remove(backup.id);
    return removed;
  }

  get(id: string) {
    return this.records.get(id);
  }

  /** The store's backups, newest first. */
  list(storeName: string) {
    return this.records.list(storeName);
  }

  async check(id: string): Promise<string> {
    const backup = await this.records.get(id);
    if (!backup) throw new Error(`backup ${id} no longer exists`);
    if (backup.status !== 'succeeded') throw new Error(`backup ${id} is ${backup.status}, not complete`);
    const prefix = this.prefixOf(backup.storeName, id);
    const manifest = await this.storage.readManifest(manifestKeyOf(prefix));
    if (manifest === undefined) {
      throw new Error(`the manifest of backup ${id} is missing from the bucket (${manifestKeyOf(prefix)})`);
    }
    const problem = manifestProblem(manifest, backup.storeName, id);
    if (problem) throw new Error(problem);
    const { archive } = manifest as BackupManifest;
    const corrupt = await this.storage.verifyArchive(archive.key, archive);
    if (corrupt) throw new Error(`refused: ${corrupt}`);
    return `backup ${id} of ${backup.storeName}: manifest found, archive's sha256 ${archive.sha256} matches (${archive.bytes} bytes)`;
  }

  async restore(store: Store, id: string, options: { siteUrl?: string }): Promise<string> {
    const backup = await this.records.get(id);
    if (!backup) throw new Error(`backup ${id} no longer exists`);
    // A restore may run twice on one backup (a retried clone, a restore after a restore): a fresh name each time.
    const job = `${store.name}-restore-${randomBytes(3).toString('hex')}`;
    const spec = this.jobSpec(store, job, 'restore', id, {
      BACKUP_KEY: this.prefixOf(backup.storeName, id),
      ...(options.siteUrl ? { SITE_URL: options.siteUrl } : {}),
    });
    const claim = engineFor(store.engine).uploadsClaim?.(store.name);
    // The app is at zero: nothing else mounts the claim, so no affinity is needed.
    if (claim) spec.uploads = { claim, readOnly: false, besideApp: false };
    await this.runAndWait(spec, store);
    return `Job ${job} restored backup ${id}${options.siteUrl ? ` with the site URL ${options.siteUrl}` : ''}`;
  }

  /** The Job's spec: the tool's env contract (apps/store-backup), secrets by reference only. */
  private jobSpec(
    store: Store,
    name: string,
    command: StoreJobSpec['command'],
    backupId: string,
    extra: Record<string, string>,
  ): StoreJobSpec {
    const s = this.backupSettings;
    const engine = engineFor(store.engine);
    const target = backupTargetSecretOf(store.name);
    const claim = engine.uploadsClaim?.(store.name);
    return {
      namespace: namespaceOf(store.name),
      name,
      image: s.BACKUP_IMAGE,
      command,
      env: {
        STORE_NAME: store.name,
        ENGINE: store.engine,
        DB_KIND: engine.database.kind,
        DB_HOST: `${store.name}-db`,
        DB_PORT: String(engine.database.port),
        DB_NAME: engine.database.name,
        DB_USER: engine.database.user,
        ...(claim ? { UPLOADS_DIR: '/uploads' } : {}),
        S3_ENDPOINT: s.BACKUP_S3_ENDPOINT,
        S3_BUCKET: s.BACKUP_S3_BUCKET,
        S3_REGION: s.BACKUP_S3_REGION,
        S3_PREFIX: s.BACKUP_S3_PREFIX,
        S3_FORCE_PATH_STYLE: String(s.BACKUP_S3_FORCE_PATH_STYLE),
        BACKUP_ID: backupId,
        ...extra,
      },
      secretEnv: {
        DB_PASSWORD: { secret: credentialsSecretOf(store.name), key: engine.database.passwordKey },
        AWS_ACCESS_KEY_ID: { secret: target, key: 'access-key-id' },
        AWS_SECRET_ACCESS_KEY: { secret: target, key: 'secret-access-key' },
      },
      labels: {
        ...storeLabels(store, this.deps.settings.PLATFORM_INSTANCE),
        'app.kubernetes.io/component': 'backup',
        'store-platform.io/backup-command': command,
      },
      activeDeadlineSeconds: s.BACKUP_JOB_TIMEOUT_SECONDS,
      ttlSecondsAfterFinished: keepFinishedSeconds,
    };
  }

  /** Creates the Job with its Secret and waits for its outcome; throws with the pod's log tail when it failed. */
  private async runAndWait(spec: StoreJobSpec, store: Store): Promise<void> {
    const s = this.backupSettings;
    await this.deps.kube.runStoreJob(spec, {
      name: backupTargetSecretOf(store.name),
      data: {
        'access-key-id': s.BACKUP_S3_ACCESS_KEY_ID,
        'secret-access-key': s.BACKUP_S3_SECRET_ACCESS_KEY,
      },
    });
    // The Job's own deadline ends it first; the margin lets its Failed condition be seen.
    const outcome = await this.deps.waitFor(
      `Job ${spec.name} to end`,
      () => this.deps.kube.jobOutcome(spec.namespace, spec.name),
      (s.BACKUP_JOB_TIMEOUT_SECONDS + 60) * 1000,
    );
    if (outcome === 'Completed') return;
    const facts = await this.deps.kube.evidence(spec.namespace, spec.name).catch(() => undefined);
    const tail = facts?.job?.logTail?.trim().split('\n').slice(-5).join(' | ');
    throw new JobFailed(
      spec.name,
      `Job ${spec.name} failed (${outcome})${tail ? `; its log ends: ${tail}` : ''}`,
    );
  }
}

/** A backup or restore Job that did not complete: its name, for the evidence of the operation's failure. */
export class JobFailed extends Error {
  constructor(
    readonly job: string,
    message: string,
  ) {
    super(message);
    this.name = 'JobFailed';
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
