import type { BackupView, StoreStatus } from '@store-platform/contracts';

/** Why a backup was taken, in words. */
export const backupReasonTitles: Readonly<Record<BackupView['reason'], string>> = {
  manual: 'Taken by hand',
  'before-delete': 'Before the store was deleted',
  'before-restore': 'Safety backup before a restore',
};

export const backupStatusTitles: Readonly<Record<BackupView['status'], string>> = {
  pending: 'Queued',
  running: 'Running',
  succeeded: 'Complete',
  failed: 'Failed',
};

/** The store status whose badge color a backup status borrows (theme.css colors badges by store status). */
export const backupBadgeColor: Readonly<Record<BackupView['status'], StoreStatus>> = {
  pending: 'provisioning',
  running: 'provisioning',
  succeeded: 'running',
  failed: 'failed',
};

const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** "812 bytes", "1.5 MB", "23 GB": decimal units (as the S3 consoles show), one decimal below 10. */
export function humanSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}
