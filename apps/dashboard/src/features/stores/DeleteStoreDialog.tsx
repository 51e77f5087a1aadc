import { TypeToConfirmDialog } from '../../ui/TypeToConfirmDialog.js';
import './DeleteStoreDialog.css';

/**
 * What the platform does with a deleted store's data (GET /data-policy): a backup is taken first (unless an admin
 * skips it), backups are not configured or the policy takes none (the data goes), or not known yet (loading).
 */
export type DeletionData = 'backed-up' | 'not-configured' | 'no-backup' | 'unknown';

interface DeleteStoreDialogProps {
  store: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  deleting: boolean;
  error?: string;
  onConfirm: () => void;
  /** What happens to the data; `unknown` says only that the store goes. */
  data?: DeletionData;
  /** Admins may skip the backup before the delete (`?backup=false`); undefined hides the checkbox. */
  skipBackup?: { checked: boolean; onChange: (checked: boolean) => void };
  /** How long a deleted store stays restorable (the deletion policy), in days; absent: not said. */
  retentionDays?: number;
}

/** When a store deleted now stops being restorable. */
const restorableUntil = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

/** What happens to the data, in one sentence. */
function dataSentence(data: DeletionData, skipped: boolean, retentionDays?: number): string {
  if (data === 'not-configured') {
    return 'Backups are not configured: the database and uploads are deleted for good.';
  }
  if (data === 'no-backup') {
    return "The platform's deletion policy takes no backup: the database and uploads are deleted for good.";
  }
  if (data === 'backed-up' && skipped) {
    return 'No backup is taken: the database and uploads are deleted for good.';
  }
  if (data === 'backed-up') {
    const until =
      retentionDays === undefined ? 'until its retention ends' : `until ${restorableUntil(retentionDays)}`;
    return (
      'A backup is taken first (if it fails, nothing is deleted); the store can then be restored into a new ' +
      `store from Deleted stores ${until}.`
    );
  }
  return "The store's namespace, database, uploads and address are removed.";
}

/** Deleting destroys the store: the user types its name first, so that it is never a slip of the mouse. */
export function DeleteStoreDialog({
  store,
  deleting,
  data = 'unknown',
  skipBackup,
  retentionDays,
  ...props
}: DeleteStoreDialogProps) {
  const showSkip = skipBackup && data === 'backed-up';
  return (
    <TypeToConfirmDialog
      {...props}
      title={`Delete ${store}?`}
      description={
        <>
          <span data-testid="delete-data">
            {dataSentence(data, Boolean(showSkip && skipBackup.checked), retentionDays)}
          </span>{' '}
          Type <strong>{store}</strong> to confirm.
        </>
      }
      expected={store}
      action="Delete"
      busyAction="Deleting…"
      busy={deleting}
      options={
        showSkip ? (
          <label className="checkbox-field">
            <input
              type="checkbox"
              checked={skipBackup.checked}
              onChange={(e) => skipBackup.onChange(e.target.checked)}
            />{' '}
            Skip the backup (admins only: the data cannot be brought back)
          </label>
        ) : undefined
      }
    />
  );
}
