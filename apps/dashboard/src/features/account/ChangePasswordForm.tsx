import { newPasswordLength, type ChangePasswordRequest } from '@store-platform/contracts';
import { useState, type FormEvent } from 'react';

import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';

interface ChangePasswordFormProps {
  submitting: boolean;
  /** The API's refusal (e.g. the current password is not right). */
  error?: string;
  done: boolean;
  onSubmit: (request: ChangePasswordRequest) => void;
}

/** The problem with a new password and its confirmation, as the user types; undefined when there is none. */
export function newPasswordProblem(password: string, confirmation: string): string | undefined {
  if (password.length < newPasswordLength.min) return `Use at least ${newPasswordLength.min} characters.`;
  if (password !== confirmation) return 'The two new passwords differ.';
  return undefined;
}

/** Your own password: the current one as proof, the new one twice. */
export function ChangePasswordForm({ submitting, error, done, onSubmit }: ChangePasswordFormProps) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [tried, setTried] = useState(false);
  const problem = newPasswordProblem(password, confirmation);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!problem && current) onSubmit({ currentPassword: current, newPassword: password });
  };
  return (
    <form className="card" aria-labelledby="password-title" onSubmit={submit}>
      <h2 id="password-title">Change your password</h2>
      <p className="muted">
        Your other browser sessions are signed out and all your API tokens revoked; this one stays signed in.
      </p>
      <Field label="Current password" error={tried && !current ? 'Enter your current password.' : error}>
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </Field>
      <Field label="New password" hint={`At least ${newPasswordLength.min} characters`}>
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Field label="New password again" error={tried ? problem : undefined}>
        <input
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
        />
      </Field>
      <Button type="submit" variant="primary" disabled={submitting}>
        {submitting ? 'Changing…' : 'Change password'}
      </Button>
      <p role="status">{done ? 'Your password was changed.' : ''}</p>
    </form>
  );
}
