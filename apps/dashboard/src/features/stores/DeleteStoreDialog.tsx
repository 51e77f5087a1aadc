import { TypeToConfirmDialog } from '../../ui/TypeToConfirmDialog.js';

interface DeleteStoreDialogProps {
  store: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  deleting: boolean;
  error?: string;
  onConfirm: () => void;
}

/** Deleting destroys the store's data: the user types its name first, so that it is never a slip of the mouse. */
export function DeleteStoreDialog({ store, deleting, ...props }: DeleteStoreDialogProps) {
  return (
    <TypeToConfirmDialog
      {...props}
      title={`Delete ${store}?`}
      description={
        <>
          The store&apos;s namespace, database, uploads and address are removed for good. Type{' '}
          <strong>{store}</strong> to confirm.
        </>
      }
      expected={store}
      action="Delete"
      busyAction="Deleting…"
      busy={deleting}
    />
  );
}
