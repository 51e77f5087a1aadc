import { useState, type FormEvent } from 'react';

import { useSignIn } from '../../api/queries.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { usePageTitle } from '../../ui/use-page-title.js';

/** The sign-in form; the API's reason is shown when it refuses. */
export function SignInPage() {
  usePageTitle('Sign in');
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password });
  };
  return (
    <main className="app-main" style={{ maxWidth: 400, marginTop: '10vh' }}>
      <h1>Store Platform</h1>
      <form onSubmit={submit} aria-label="Sign in" className="card">
        <Field label="Username">
          <input
            name="username"
            autoComplete="username"
            value={username}
            required
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label="Password" error={signIn.error?.message}>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            required
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Button type="submit" variant="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
