import type { StoreView } from '@store-platform/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';

import { useDeleteStore } from '../../api/queries.js';
import { Button } from '../../ui/Button.js';
import { CopyAsCurl } from '../../ui/CopyAsCurl.js';
import { DeleteStoreDialog } from './DeleteStoreDialog.js';
import { storeActionRequest } from './store-curl.js';

/** The end of the store page: Delete, away from everyday actions, confirmed by typing the store's name. */
export function DangerZone({ store }: { store: StoreView }) {
  const remove = useDeleteStore();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const busy = store.status === 'provisioning' || store.status === 'deleting' || store.status === 'updating';
  return (
    <section className="card danger-zone" aria-labelledby="danger-title">
      <h2 id="danger-title">Danger zone</h2>
      <p>
        Deleting removes the store&apos;s namespace, database, uploads and address for good.
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
        onOpenChange={setConfirming}
        deleting={remove.isPending}
        error={remove.error?.message}
        onConfirm={() =>
          remove.mutate(store, {
            onSuccess: () => {
              setConfirming(false);
              void navigate('/');
            },
          })
        }
      />
    </section>
  );
}
