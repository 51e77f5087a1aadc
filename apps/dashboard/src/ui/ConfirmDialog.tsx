import type { ReactNode } from 'react';

import { Button } from './Button.js';
import { Dialog, DialogClose } from './Dialog.js';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** What happens, in plain words: who loses what, and whether it can be undone. */
  description: ReactNode;
  /** The confirming button's label, e.g. "Revoke". */
  action: string;
  busy: boolean;
  /** The API's refusal, shown in the dialog. */
  error?: string;
  onConfirm: () => void;
}

/** Asks before an action that takes something away (a token, an account); Cancel and Escape leave it undone. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  action,
  busy,
  error,
  onConfirm,
}: ConfirmDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title} description={description}>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button variant="danger" disabled={busy} onClick={onConfirm}>
          {busy ? `${action}…` : action}
        </Button>
      </div>
    </Dialog>
  );
}
