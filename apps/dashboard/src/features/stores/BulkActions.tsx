import type { StoreView } from '@store-platform/contracts';
import { useState } from 'react';

import { useBulkStoreAction } from '../../api/bulk.js';
import { Button } from '../../ui/Button.js';
import { TypeToConfirmDialog } from '../../ui/TypeToConfirmDialog.js';
import { bulkSummary, deletePhrase } from './bulk-summary.js';

interface BulkActionsProps {
  /** The stores acted on; Retry takes the failed ones among them. */
  stores: readonly StoreView[];
  /** The buttons' words for so many stores: "Retry 2 failed", "Delete all 5". */
  retryLabel: (count: number) => string;
  deleteLabel: (count: number) => string;
  /** Told the outcome in plain words once every request was answered. */
  onOutcome: (summary: string) => void;
}

/** Retry and Delete for several stores at once; deleting is confirmed by typing "delete N stores". */
export function BulkActions({ stores, retryLabel, deleteLabel, onOutcome }: BulkActionsProps) {
  const bulk = useBulkStoreAction();
  const [confirming, setConfirming] = useState(false);
  const failed = stores.filter((s) => s.status === 'failed');
  const deletable = stores.filter((s) => s.status !== 'deleting');
  // mutateAsync, not mutate's callbacks: the stores acted on may leave the view (and unmount these buttons) before
  // the last answer, and the outcome must still be told.
  const run = (action: 'delete' | 'retry', targets: readonly StoreView[]) =>
    void bulk
      .mutateAsync({ action, stores: targets })
      .then((outcomes) => onOutcome(bulkSummary(action, outcomes)))
      .catch((error: unknown) => onOutcome(`Nothing was done: ${String(error)}`))
      .finally(() => setConfirming(false));
  const phrase = deletePhrase(deletable.length);
  return (
    <>
      {failed.length > 0 && (
        <Button disabled={bulk.isPending} onClick={() => run('retry', failed)}>
          {bulk.isPending && bulk.variables.action === 'retry' ? 'Retrying…' : retryLabel(failed.length)}
        </Button>
      )}
      {deletable.length > 0 && (
        <Button variant="danger" disabled={bulk.isPending} onClick={() => setConfirming(true)}>
          {deleteLabel(deletable.length)}
        </Button>
      )}
      <TypeToConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${deletable.length === 1 ? '1 store' : `${deletable.length} stores`}?`}
        description={
          <>
            The namespace, database, uploads and address of {deletable.map((s) => s.name).join(', ')} are
            removed for good. Type <strong>{phrase}</strong> to confirm.
          </>
        }
        expected={phrase}
        fieldLabel={`Type "${phrase}" to confirm`}
        action={`Delete ${deletable.length}`}
        busyAction="Deleting…"
        busy={bulk.isPending}
        onConfirm={() => run('delete', deletable)}
      />
    </>
  );
}
