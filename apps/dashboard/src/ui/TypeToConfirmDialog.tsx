import { useState, type FormEvent, type ReactNode } from 'react';

import { Button } from './Button.js';
import { Dialog, DialogClose } from './Dialog.js';
import { Field } from './Field.js';

interface TypeToConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** What happens, in plain words, ending with what to type. */
  description: ReactNode;
  /** What the user must type, exactly (a store's name, or "delete 3 stores"). */
  expected: string;
  /** The field's label; by default it asks for the store's name. */
  fieldLabel?: string;
  /** The confirming button's label, e.g. "Delete"; while busy, `busyAction` ("Deleting…"). */
  action: string;
  busyAction: string;
  busy: boolean;
  /** The API's refusal, shown under the field. */
  error?: string;
  /** Shown beside the buttons, e.g. "Copy as curl" for the same action. */
  extra?: ReactNode;
  /** Shown under the field, e.g. a checkbox that changes what the action does. */
  options?: ReactNode;
  onConfirm: () => void;
}

/**
 * Asks before an action that is hard to undo (delete, rollback): the user types the store's name first, so that it
 * is never a slip of the mouse.
 */
export function TypeToConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  expected,
  fieldLabel = "Type the store's name to confirm",
  action,
  busyAction,
  busy,
  error,
  extra,
  options,
  onConfirm,
}: TypeToConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const matches = typed === expected;
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
      title={title}
      description={description}
    >
      <form onSubmit={submit}>
        <Field label={fieldLabel} error={error}>
          <input
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
          />
        </Field>
        {options}
        <div className="dialog-actions">
          {extra}
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="danger" disabled={!matches || busy}>
            {busy ? busyAction : action}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
