import type { Role, StoreView } from '@store-platform/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';

import { useDataPolicy } from '../../api/backups.js';
import { useDeleteStore } from '../../api/queries.js';
import { Button } from '../../ui/Button.js';
import { CopyAsCurl } from '../../ui/CopyAsCurl.js';
import { DeleteStoreDialog, type DeletionData } from './DeleteStoreDialog.js';
import { storeActionRequest } from './store-curl.js';

/**
 * The end of the store page: Delete, away from everyday actions, confirmed by typing the store's name. What
 * happens to the data, and until when it can be restored, is said from GET /data-policy.
 */
export function DangerZone({ store, role }: { store: StoreView; role: Role }) {
  const remove = useDeleteStore();
  const policy = useDataPolicy().data;
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [skipBackup, setSkipBackup] = useState(false);
  const busy = store.status === 'provisioning' || store.status === 'deleting' || store.status === 'updating';
  const data: DeletionData = !policy
    ? 'unknown'
    : !policy.backupsConfigured
      ? 'not-configured'
      : policy.backupBeforeDelete
        ? 'backed-up'
        : 'no-backup';
  return (
    <section className="card danger-zone" aria-labelledby="danger-title">
      <h2 id="danger-title">Danger zone</h2>
      <p>
        {data === 'backed-up'
          ? "Deleting removes the store's namespace and address; a backup is taken first, from which it can be restored for a while."
          : "Deleting removes the store's namespace, database, uploads and address for good."}
        {busy && <> It can be deleted once its current operation ends.</>}
      </p>
      <div className="row">
        <Button variant="danger" disabled={busy} onClick={() => setConfirming(true)}>
          Delete store
        </Button>
        <CopyAsCurl what="to delete this store" request={storeActionRequest(store, 'delete')} />
      </div>
      <DeleteStoreDialog
        store={store.name}
        open={confirming}
        onOpenChange={(open) => {
          setConfirming(open);
          if (!open) setSkipBackup(false);
        }}
        deleting={remove.isPending}
        error={remove.error?.message}
        data={data}
        {...(policy ? { retentionDays: policy.retentionDays } : {})}
        skipBackup={role === 'admin' ? { checked: skipBackup, onChange: setSkipBackup } : undefined}
        onConfirm={() =>
          remove.mutate(
            { store, skipBackup },
            {
              onSuccess: () => {
                setConfirming(false);
                void navigate('/');
              },
            },
          )
        }
      />
    </section>
  );
}
