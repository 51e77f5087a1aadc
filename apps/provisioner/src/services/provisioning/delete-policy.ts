import type { DeleteRequest, RetainedVolume } from '../../domain/deletion.js';
import type { ProvisioningDeps } from './deps.js';

/**
 * Why the delete takes no backup first, in the words its step shows; undefined when it takes one
 * (docs/decisions/012-backups.md, "Deletion policy and soft delete").
 */
export function backupSkipReason(
  deps: ProvisioningDeps,
  request: DeleteRequest,
  actor: string,
): string | undefined {
  // An admin's decision first: the step records who chose to delete without a backup.
  if (request.backup === false) return `skipped by admin ${actor} (backup=false)`;
  if (!deps.backups) {
    return 'backups are not configured (backups.s3 in the platform chart): the store cannot be restored after the delete';
  }
  if (!deps.settings.DELETION_BACKUP_BEFORE_DELETE) {
    return 'the deletion policy takes no backup before a delete (deletionPolicy.backupBeforeDelete: false)';
  }
  return undefined;
}

/** Why the store's volumes are not kept, in the words its step shows; undefined when they are. */
export function retainSkipReason(
  deps: ProvisioningDeps,
  request: DeleteRequest,
  actor: string,
): string | undefined {
  if (request.retainData === false)
    return `not kept: admin ${actor} asked to remove the data (retainData=false)`;
  if (request.retainData === undefined && !deps.settings.DELETION_RETAIN_DATA) {
    return 'the deletion policy removes the data with the store (deletionPolicy.retainData: false)';
  }
  return undefined;
}

/** The kept volumes in words: "kept 2 volumes past the delete: pv-a (claim uploads, 1Gi), ...". */
export function retainedMessage(volumes: RetainedVolume[]): string {
  if (volumes.length === 0) return "no volume is bound to the store's claims: there is nothing to keep";
  const each = volumes.map((v) => `${v.name} (claim ${v.claim}${v.capacity ? `, ${v.capacity}` : ''})`);
  return `kept ${volumes.length} volume${volumes.length === 1 ? '' : 's'} past the delete (reclaim policy Retain): ${each.join(', ')}`;
}
