import type { Settings } from '../../config/settings.js';
import type { HelmRunner } from '../../ports/helm-runner.js';
import type { KubeClient } from '../../ports/kube-client.js';
import type { StoreRepository } from '../../ports/store-repository.js';
import type { BackupJobs } from './backup-jobs.js';
import type { StoreBackups } from './store-backups.js';

/** What the provisioning flows use: ports and the settings that shape a store. */
export interface ProvisioningDeps {
  repository: StoreRepository;
  kube: KubeClient;
  helm: HelmRunner;
  settings: Pick<
    Settings,
    | 'STORE_CHART'
    | 'STORE_VALUES_FILES'
    | 'ENVIRONMENT'
    | 'BASE_DOMAIN'
    | 'INGRESS_CLASS'
    | 'STORAGE_CLASS'
    | 'STORE_CLUSTER_ROLE'
    | 'STOREFRONT_CHECK'
    | 'OPERATION_TIMEOUT_SECONDS'
    | 'PLATFORM_INSTANCE'
    | 'PLATFORM_NAMESPACE'
    | 'ENGINE_VERSIONS_WOOCOMMERCE'
    | 'ENGINE_VERSIONS_MEDUSA'
    | 'UPLOADS_ACCESS_MODE'
    | 'UPDATE_TIMEOUT_SECONDS'
    | 'BACKUP_IMAGE'
    | 'BACKUP_JOB_TIMEOUT_SECONDS'
    | 'DELETION_RETAIN_DATA'
    | 'DELETION_BACKUP_BEFORE_DELETE'
    | 'DELETION_RETENTION_DAYS'
  >;
  /** Polls until `check` returns a value; the flows wait for conditions, never for fixed times. */
  waitFor: <T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number) => Promise<T>;
  /** GET a URL; resolves with the HTTP status. */
  httpStatus: (url: string) => Promise<number>;
  /** The process log, for what operators need and users must not see (raw API answers). */
  log: (message: string, fields: Record<string, unknown>) => void;
  /**
   * Backups, when configured (BACKUP_S3_ENDPOINT): what the delete flow needs (`backups`), and the whole of it for
   * the backup, restore and clone flows (`backupJobs`, the same object in main.ts).
   */
  backups?: StoreBackups;
  backupJobs?: BackupJobs;
  /** The clock of steps' times and operations' ages; the system clock when absent (unit tests pass a fake one). */
  now?: () => Date;
}

/** How long a namespace may take to go away before the flow gives up (the product promises 2 minutes). */
export const namespaceGoneTimeoutMs = 120_000;
