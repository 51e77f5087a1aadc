import type { BackupView, Role, StoreView } from '@store-platform/contracts';
import { useEffect, useState } from 'react';

import { useBackups, useDeleteBackup, useTakeBackup } from '../../api/backups.js';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { QueryError } from '../../ui/ErrorState.js';
import { TableScroll } from '../../ui/TableScroll.js';
import { When } from '../../ui/When.js';
import { CloneFromBackupDialog } from './CloneFromBackupDialog.js';
import { RestoreBackupDialog } from './RestoreBackupDialog.js';
import { backupBadgeColor, backupReasonTitles, backupStatusTitles, humanSize } from './backup-words.js';
import './backups.css';

/** What a row's action opened: a restore, a delete or a clone of that backup. */
type Asking = { action: 'restore' | 'delete' | 'clone'; backup: BackupView } | null;

/**
 * The store's backups (newest first) with who took them, when, why and how big; operators take one now, restore
 * a complete one (confirmed, with what happens said first) or make a new store from it; admins delete one. While
 * the platform has no backup storage, the panel says so in the API's words.
 */
export function BackupsPanel({ store, role }: { store: StoreView; role: Role }) {
  const backups = useBackups(store.name);
  const take = useTakeBackup(store.name);
  const [asking, setAsking] = useState<Asking>(null);
  const canOperate = role !== 'viewer';
  const { refetch } = backups;
  // A backup's or restore's progress arrives with the store (event stream): when its operation moves on, the list
  // has news (a backup complete, a safety backup taken).
  const operation = store.operation ? `${store.operation.id}:${store.operation.phase}` : '';
  useEffect(() => {
    if (operation) void refetch();
  }, [operation, refetch]);

  const idle = store.status === 'running' && (!store.operation || store.operation.finishedAt !== null);
  const state = backups.data;
  return (
    <section className="card" aria-labelledby="backups-title">
      <div className="page-title">
        <h2 id="backups-title">Backups</h2>
        {canOperate && state && 'items' in state && (
          <Button disabled={!idle || take.isPending} onClick={() => take.mutate()}>
            {take.isPending ? 'Starting backup…' : 'Back up now'}
          </Button>
        )}
      </div>
      {take.error && (
        <p role="alert" className="alert">
          {take.error.message}
        </p>
      )}
      {backups.isPending && <p>Loading backups…</p>}
      {backups.error && <QueryError what="The backups" query={backups} />}
      {state && 'notConfigured' in state && (
        <p className="muted" data-testid="backups-not-configured">
          Backups are not configured on this platform: {state.notConfigured}
        </p>
      )}
      {state && 'items' in state && state.items.length === 0 && (
        <p className="muted">No backups yet.{canOperate && idle && ' "Back up now" takes one.'}</p>
      )}
      {state && 'items' in state && state.items.length > 0 && (
        <TableScroll label="Backups">
          <table aria-label="Backups" className="backups-table">
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Status</th>
                <th scope="col">Why</th>
                <th scope="col">By</th>
                <th scope="col">Size</th>
                {canOperate && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {state.items.map((backup) => (
                <BackupRow
                  key={backup.id}
                  backup={backup}
                  role={role}
                  restorable={idle}
                  onAsk={(action) => setAsking({ action, backup })}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {asking?.action === 'restore' && (
        <RestoreBackupDialog store={store} backup={asking.backup} onClose={() => setAsking(null)} />
      )}
      {asking?.action === 'delete' && (
        <DeleteBackupDialog store={store.name} backup={asking.backup} onClose={() => setAsking(null)} />
      )}
      {asking?.action === 'clone' && (
        <CloneFromBackupDialog
          open
          onOpenChange={(open) => !open && setAsking(null)}
          source={store}
          backupId={asking.backup.id}
          suggestedName={`${store.name}-copy`.slice(0, 40)}
          title="New store from this backup"
        />
      )}
    </section>
  );
}

interface BackupRowProps {
  backup: BackupView;
  role: Role;
  /** The store is running with no operation under way: a restore may start. */
  restorable: boolean;
  onAsk: (action: 'restore' | 'delete' | 'clone') => void;
}

function BackupRow({ backup, role, restorable, onAsk }: BackupRowProps) {
  const complete = backup.status === 'succeeded';
  const taken = new Date(backup.createdAt).toLocaleString();
  return (
    <tr>
      <td data-label="Taken">
        <When iso={backup.createdAt} />
      </td>
      <td data-label="Status">
        <span className="badge status-badge" data-status={backupBadgeColor[backup.status]}>
          {backupStatusTitles[backup.status]}
        </span>
        {backup.error && <span className="backup-error">{backup.error}</span>}
      </td>
      <td data-label="Why">{backupReasonTitles[backup.reason]}</td>
      <td data-label="By">{backup.createdBy}</td>
      <td data-label="Size" className="backup-size">
        {backup.sizeBytes === null ? '—' : humanSize(backup.sizeBytes)}
      </td>
      {role !== 'viewer' && (
        <td>
          <div className="row backup-actions">
            {complete && (
              <Button
                disabled={!restorable}
                onClick={() => onAsk('restore')}
                aria-label={`Restore the backup of ${taken}`}
              >
                Restore…
              </Button>
            )}
            {complete && (
              <Button onClick={() => onAsk('clone')} aria-label={`New store from this backup, of ${taken}`}>
                New store from this backup
              </Button>
            )}
            {role === 'admin' && backup.status !== 'running' && backup.status !== 'pending' && (
              <Button
                variant="danger"
                onClick={() => onAsk('delete')}
                aria-label={`Delete the backup of ${taken}`}
              >
                Delete
              </Button>
            )}
          </div>
        </td>
      )}
    </tr>
  );
}

function DeleteBackupDialog({
  store,
  backup,
  onClose,
}: {
  store: string;
  backup: BackupView;
  onClose: () => void;
}) {
  const remove = useDeleteBackup(store);
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title="Delete this backup?"
      description={
        <>
          The backup of {store} taken {new Date(backup.createdAt).toLocaleString()} is removed from the backup
          storage for good; the store itself is not touched.
        </>
      }
      action="Delete backup"
      busy={remove.isPending}
      error={remove.error?.message}
      onConfirm={() => remove.mutate(backup.id, { onSuccess: onClose })}
    />
  );
}
