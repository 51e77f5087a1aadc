import type { RevisionView } from '@store-platform/contracts';

import { TypeToConfirmDialog } from '../../ui/TypeToConfirmDialog.js';

interface RollbackDialogProps {
  store: string;
  /** The revision to go back to; null: the dialog is closed. */
  revision: RevisionView | null;
  onClose: () => void;
  busy: boolean;
  error?: string;
  onConfirm: (revision: number) => void;
}

/** Rolling back changes a live store: the user types its name first, as for delete. */
export function RollbackDialog({ store, revision, onClose, busy, error, onConfirm }: RollbackDialogProps) {
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
      onConfirm={() => onConfirm(number)}
    />
  );
}
