import type { CreateTokenRequest, Role } from '@store-platform/contracts';
import { useState, type FormEvent } from 'react';

import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { tokenLifetimes, tokenRequest, tokenRoles } from './token-options.js';

interface CreateTokenFormProps {
  /** The signed-in user's role: a token may have it or a narrower one. */
  role: Role;
  submitting: boolean;
  error?: string;
  onSubmit: (request: CreateTokenRequest) => void;
}

/** Name, role (yours or narrower) and lifetime of a new API token. */
export function CreateTokenForm({ role, submitting, error, onSubmit }: CreateTokenFormProps) {
  const [name, setName] = useState('');
  const [tokenRole, setTokenRole] = useState<Role>(role);
  const [lifetime, setLifetime] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setMissing(true);
    onSubmit(tokenRequest(role, { name, role: tokenRole, lifetime }));
  };
  return (
    <form className="card" aria-labelledby="create-token-title" onSubmit={submit}>
      <h2 id="create-token-title">Create a token</h2>
      <div className="row">
        <Field
          label="Token name"
          hint="What uses it, e.g. ci-deploy"
          error={missing && !name.trim() ? 'Give the token a name.' : undefined}
        >
          <input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Role" hint="Yours or narrower">
          <select value={tokenRole} onChange={(e) => setTokenRole(e.target.value as Role)}>
            {tokenRoles(role).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Lifetime">
          <select value={lifetime} onChange={(e) => setLifetime(e.target.value)}>
            {tokenLifetimes.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit" variant="primary" disabled={submitting}>
          {submitting ? 'Creating…' : 'Create token'}
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
