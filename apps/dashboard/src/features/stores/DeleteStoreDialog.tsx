import { useState, type FormEvent } from 'react';

import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';

interface DeleteStoreDialogProps {
  store: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  deleting: boolean;
  error?: string;
  onConfirm: () => void;
}

/** Deleting destroys the store's data: the user types its name first, so that it is never a slip of the mouse. */
export function DeleteStoreDialog({
  store,
  open,
  onOpenChange,
  deleting,
  error,
  onConfirm,
}: DeleteStoreDialogProps) {
  const [typed, setTyped] = useState('');
  const matches = typed === store;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (matches) onConfirm();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setTyped('');
        onOpenChange(next);
      }}
      title={`Delete ${store}?`}
      description={
        <>
          The store&apos;s namespace, database, uploads and address are removed for good. Type{' '}
          <strong>{store}</strong> to confirm.
        </>
      }
    >
      <form onSubmit={submit}>
        <Field label="Type the store's name to confirm" error={error}>
          <input
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
          />
        </Field>
        <div className="dialog-actions">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="danger" disabled={!matches || deleting}>
            {deleting ? 'Deleting…' : 'Delete'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
