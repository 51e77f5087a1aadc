import { useState, type FormEvent } from 'react';

import { useSignIn } from '../../api/queries.js';

/** A labelled, required text input of the form. */
function Field(props: {
  label: string;
  name: string;
  type?: string;
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label style={{ display: 'block', marginBottom: 12 }}>
      {props.label}
      <input
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required
        style={{ display: 'block', width: '100%' }}
      />
    </label>
  );
}

/** The sign-in form; the API's reason is shown when it refuses. */
export function SignInPage() {
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password });
  };
  return (
    <main style={{ maxWidth: 360, margin: '10vh auto', fontFamily: 'system-ui, sans-serif' }}>
      <h1>Store Platform</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <Field
          label="User name"
          name="username"
          autoComplete="username"
          value={username}
          onChange={setUsername}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        {signIn.error && (
          <p role="alert" style={{ color: '#991b1b' }}>
            {signIn.error.message}
          </p>
        )}
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
