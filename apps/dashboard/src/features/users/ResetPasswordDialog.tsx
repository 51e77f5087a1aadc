import { useState, type FormEvent } from 'react';

import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';

interface ResetPasswordDialogProps {
  username: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  busy: boolean;
  error?: string;
  onConfirm: (password: string) => void;
}

/** An admin sets someone else's password; that user's sessions and tokens end. */
export function ResetPasswordDialog({
  username,
  open,
  onOpenChange,
  busy,
  error,
  onConfirm,
}: ResetPasswordDialogProps) {
  const [password, setPassword] = useState('');
  const tooShort = password.length > 0 && password.length < 12;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length >= 12) onConfirm(password);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setPassword('');
        onOpenChange(next);
      }}
      title={`Reset the password of ${username}?`}
      description="Their browser sessions end and their API tokens are revoked now. Tell them the new password."
    >
      <form onSubmit={submit}>
        <Field label="New password" error={tooShort ? 'At least 12 characters.' : error}>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <div className="dialog-actions">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="danger" disabled={busy || password.length < 12}>
            {busy ? 'Resetting…' : 'Reset password'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
