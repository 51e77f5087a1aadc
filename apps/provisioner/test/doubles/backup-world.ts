import { backupPrefixOf } from '../../src/domain/backup.js';
import { BackupJobs, type BackupSettings } from '../../src/services/provisioning/backup-jobs.js';
import { InMemoryBackupRepository } from './in-memory-backup-repository.js';
import { provisioningWorld } from './provisioning-world.js';
import { RecordingBackupStorage } from './recording-backup-storage.js';

export const backupSettings: BackupSettings = {
  BACKUP_S3_ENDPOINT: 'http://backups.store-platform.svc:8080',
  BACKUP_S3_BUCKET: 'store-backups',
  BACKUP_S3_REGION: 'us-east-1',
  BACKUP_S3_PREFIX: 'test/',
  BACKUP_S3_FORCE_PATH_STYLE: true,
  BACKUP_S3_ACCESS_KEY_ID: 'AKIDTEST',
  BACKUP_S3_SECRET_ACCESS_KEY: 'not-a-real-secret',
  BACKUP_IMAGE: 'store-platform/store-backup:0.1.0',
  BACKUP_JOB_TIMEOUT_SECONDS: 600,
};

/**
 * The provisioning world with backups configured: the backups table and the bucket in memory, and store Jobs that
 * play the backup tool (a backup Job writes its archive and manifest, then completes; a restore Job completes).
 * Store "shop" is Running with its app Deployment at one ready replica.
 */
export async function backupWorld() {
  const world = provisioningWorld();
  const records = new InMemoryBackupRepository(world.clock.now);
  const storage = new RecordingBackupStorage();
  const jobs = new BackupJobs(world.deps, records, storage, backupSettings);
  world.deps.backups = jobs;
  world.deps.backupJobs = jobs;
  world.kube.onStoreJob = async (spec) => {
    const { STORE_NAME: store = '', BACKUP_ID: id = '' } = spec.env;
    if (spec.command === 'backup') storage.writeBackup(backupPrefixOf('test/', store, id), store, id);
    world.kube.jobOutcomes.set(`${spec.namespace}/${spec.name}`, 'Completed');
  };
  await world.newStore('shop');
  Object.assign(world.repository.stores.get('shop') ?? {}, { status: 'running', currentOperationId: null });
  world.installed('shop');
  world.kube.deployments.set('store-shop/shop-app', { desired: 1, ready: 1 });
  return { ...world, records, storage, jobs };
}
