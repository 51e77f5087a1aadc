import { newPasswordLength } from '@store-platform/contracts';
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
  const longEnough = password.length >= newPasswordLength.min;
  const tooShort = password.length > 0 && !longEnough;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (longEnough) onConfirm(password);
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
        <Field
          label="New password"
          error={tooShort ? `At least ${newPasswordLength.min} characters.` : error}
        >
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
          <Button type="submit" variant="danger" disabled={busy || !longEnough}>
            {busy ? 'Resetting…' : 'Reset password'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
