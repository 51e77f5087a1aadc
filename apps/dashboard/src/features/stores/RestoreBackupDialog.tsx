import type { BackupView, StoreView } from '@store-platform/contracts';

import { useRestoreBackup } from '../../api/backups.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';

/**
 * Confirms a restore, saying first what happens (docs/decisions/012-backups.md, "Restore"): the archive is
 * checked, a safety backup is taken, the app stops for a moment, and a failure puts the store back. Sent with
 * the store's version (If-Match); the store's page then shows the restore's steps.
 */
export function RestoreBackupDialog({
  store,
  backup,
  onClose,
}: {
  store: StoreView;
  backup: BackupView;
  onClose: () => void;
}) {
  const restore = useRestoreBackup(store);
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Restore ${store.name}?`}
      description={
        <>
          {store.name}&apos;s database and uploads go back to the backup of{' '}
          {new Date(backup.createdAt).toLocaleString()}; what changed since is replaced. The backup is checked
          first, then a safety backup of the store as it is now is taken. The app stops for a moment (usually
          a minute or two) while the data is restored. If anything fails, the store is put back as it was
          before.
        </>
      }
      action="Restore"
      busy={restore.isPending}
      error={restore.error?.message}
      onConfirm={() => restore.mutate(backup.id, { onSuccess: onClose })}
    />
  );
}
