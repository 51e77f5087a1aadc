import { useRevealCredentials } from '../../api/queries.js';
import { Button } from '../../ui/Button.js';

/** Admins see the store administrator's sign-in on request; the provisioner logs who looked. */
export function CredentialsPanel({ store }: { store: string }) {
  const reveal = useRevealCredentials(store);
  return (
    <section className="card" aria-labelledby="credentials-title">
      <h2 id="credentials-title">Admin credentials</h2>
      {reveal.data ? (
        <dl>
          <dt>User</dt>
          <dd>
            <code>{reveal.data.username}</code>
          </dd>
          <dt>Password</dt>
          <dd>
            <code data-testid="admin-password">{reveal.data.password}</code>
          </dd>
          <dt>Sign in at</dt>
          <dd>
            <a href={reveal.data.adminUrl} target="_blank" rel="noreferrer">
              {reveal.data.adminUrl}
            </a>
          </dd>
        </dl>
      ) : (
        <>
          <p className="muted">Showing them is recorded in the activity log with your name.</p>
          <Button onClick={() => reveal.mutate()} disabled={reveal.isPending}>
            {reveal.isPending ? 'Revealing…' : 'Reveal admin credentials'}
          </Button>
        </>
      )}
      {reveal.error && (
        <p role="alert" className="alert">
          {reveal.error.message}
        </p>
      )}
    </section>
  );
}
