import type { RevisionView, StoreView } from '@store-platform/contracts';

import { CopyAsCurl } from '../../ui/CopyAsCurl.js';
import { TypeToConfirmDialog } from '../../ui/TypeToConfirmDialog.js';
import { storeActionRequest } from './store-curl.js';

interface RollbackDialogProps {
  store: string;
  /** The store as the user sees it, for "Copy as curl" (its version goes in If-Match). */
  seen?: StoreView;
  /** The revision to go back to; null: the dialog is closed. */
  revision: RevisionView | null;
  onClose: () => void;
  busy: boolean;
  error?: string;
  onConfirm: (revision: number) => void;
}

/** Rolling back changes a live store: the user types its name first, as for delete. */
export function RollbackDialog({
  store,
  seen,
  revision,
  onClose,
  busy,
  error,
  onConfirm,
}: RollbackDialogProps) {
  const number = revision?.revision ?? 0;
  return (
    <TypeToConfirmDialog
      open={revision !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={`Roll back ${store} to revision ${number}?`}
      description={
        <>
          The store&apos;s release goes back to the chart and values of revision {number}
          {revision?.description ? ` (${revision.description})` : ''}, as a new revision; its data stays. Type{' '}
          <strong>{store}</strong> to confirm.
        </>
      }
      expected={store}
      action="Roll back"
      busyAction="Rolling back…"
      busy={busy}
      error={error}
      extra={
        seen && (
          <CopyAsCurl
            what="for this rollback"
            request={storeActionRequest(seen, 'rollback', { revision: number })}
          />
        )
      }
      onConfirm={() => onConfirm(number)}
    />
  );
}
