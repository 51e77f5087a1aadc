import { useEffect, useState } from 'react';

import { useRevealCredentials } from '../../api/queries.js';
import { Button } from '../../ui/Button.js';
import { CopyButton } from '../../ui/CopyButton.js';
import './store-page.css';

/** How long revealed credentials stay on screen, so that a screen left open does not keep showing them. */
export const revealSeconds = 60;

/**
 * Admins see the store administrator's sign-in on request (the provisioner logs who looked), with copy buttons,
 * for 60 s: a countdown says when they hide again, and "Hide now" hides them at once.
 */
export function CredentialsPanel({ store }: { store: string }) {
  const reveal = useRevealCredentials(store);
  const [left, setLeft] = useState(revealSeconds);
  const shown = reveal.data;
  useEffect(() => {
    if (!shown) return;
    setLeft(revealSeconds);
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = revealSeconds - Math.floor((Date.now() - started) / 1000);
      if (remaining > 0) setLeft(remaining);
      else reveal.reset();
    }, 1000);
    return () => clearInterval(timer);
  }, [shown]); // Restarted for each reveal (reset is stable).
  return (
    <section className="card" aria-labelledby="credentials-title">
      <h2 id="credentials-title">Admin credentials</h2>
      {shown ? (
        <>
          <dl>
            <dt>User</dt>
            <dd>
              <code>{shown.username}</code>
              <CopyButton value={shown.username} what="admin user name" />
            </dd>
            <dt>Password</dt>
            <dd>
              <code data-testid="admin-password">{shown.password}</code>
              <CopyButton value={shown.password} what="admin password" />
            </dd>
            <dt>Sign in at</dt>
            <dd>
              <a href={shown.adminUrl} target="_blank" rel="noreferrer">
                {shown.adminUrl}
              </a>
            </dd>
          </dl>
          <p className="row">
            <span className="muted reveal-countdown" data-testid="reveal-countdown">
              Hidden again in {left} s.
            </span>
            <Button onClick={() => reveal.reset()}>Hide now</Button>
          </p>
        </>
      ) : (
        <>
          <p className="muted">
            Showing them is recorded in the activity log with your name; they hide again after {revealSeconds}{' '}
            s.
          </p>
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
