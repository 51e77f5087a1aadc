import { TypeToConfirmDialog } from '../../ui/TypeToConfirmDialog.js';
import './DeleteStoreDialog.css';

/**
 * What the platform does with a deleted store's data, as the dashboard can tell: backups configured (a backup is
 * taken first, unless skipped), not configured (the data goes), or not known yet (the backups list is loading).
 */
export type DeletionData = 'backed-up' | 'not-configured' | 'unknown';

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
}

/** What happens to the data, in one sentence. */
function dataSentence(data: DeletionData, skipped: boolean): string {
  if (data === 'not-configured') {
    return 'Backups are not configured: the database and uploads are deleted for good.';
  }
  if (data === 'backed-up' && skipped) {
    return 'No backup is taken: the database and uploads are deleted for good.';
  }
  if (data === 'backed-up') {
    return (
      'A backup is taken first (if it fails, nothing is deleted); the store can then be restored into a new ' +
      'store from Deleted stores until its retention ends (the deletion policy keeps it 7 days unless the ' +
      'operator changed it).'
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
  ...props
}: DeleteStoreDialogProps) {
  const showSkip = skipBackup && data === 'backed-up';
  return (
    <TypeToConfirmDialog
      {...props}
      title={`Delete ${store}?`}
      description={
        <>
          <span data-testid="delete-data">{dataSentence(data, Boolean(showSkip && skipBackup.checked))}</span>{' '}
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
