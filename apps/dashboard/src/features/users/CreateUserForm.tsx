import {
  newPasswordLength,
  roleDescriptions,
  roles,
  usernamePattern,
  usernameRule,
  type CreateUserRequest,
  type Role,
} from '@store-platform/contracts';
import { useState, type FormEvent } from 'react';

import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';

/** What is wrong with a new user's name and password, field by field (empty when nothing). */
export function newUserProblems(input: CreateUserRequest): Partial<Record<'username' | 'password', string>> {
  return {
    ...(usernamePattern.test(input.username) ? {} : { username: `${usernameRule}.` }),
    ...(input.password.length >= newPasswordLength.min
      ? {}
      : { password: `At least ${newPasswordLength.min} characters.` }),
  };
}

interface CreateUserFormProps {
  submitting: boolean;
  error?: string;
  onSubmit: (request: CreateUserRequest) => void;
}

/** A new user: name, first password (tell them; they can change it) and role. */
export function CreateUserForm({ submitting, error, onSubmit }: CreateUserFormProps) {
  const [form, setForm] = useState<CreateUserRequest>({ username: '', password: '', role: 'viewer' });
  const [tried, setTried] = useState(false);
  const problems = tried ? newUserProblems(form) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(newUserProblems(form)).length === 0) onSubmit(form);
  };
  return (
    <form className="card" aria-labelledby="create-user-title" onSubmit={submit}>
      <h2 id="create-user-title">Create a user</h2>
      <div className="row">
        <Field label="New user's name" error={problems.username}>
          <input
            value={form.username}
            autoComplete="off"
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
        </Field>
        <Field label="First password" error={problems.password}>
          <input
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </Field>
        <Field label="New user's role">
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}: {roleDescriptions[role]}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit" variant="primary" disabled={submitting}>
          {submitting ? 'Creating…' : 'Create user'}
        </Button>
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </form>
  );
}
