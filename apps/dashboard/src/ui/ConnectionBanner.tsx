import { useEffect, useState } from 'react';

import { announce } from './Toasts.js';
import './ConnectionBanner.css';

/** How long "Reconnected" stays after the stream is back. */
export const reconnectedShownMs = 5_000;
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

interface ConnectionBannerProps {
  /** When live updates were lost; null while they flow. */
  lostAt: Date | null;
  /** When they came back after a loss; null before any. */
  reconnectedAt: Date | null;
}

/**
 * Says when live updates stopped, so that nobody trusts a status that no longer moves, and briefly that they are
 * back. Not a live region of its own: the page has one (ui/Toasts), through which both changes are read out.
 */
export function ConnectionBanner({ lostAt, reconnectedAt }: ConnectionBannerProps) {
  const [showReconnected, setShowReconnected] = useState(false);
  useEffect(() => {
    if (!reconnectedAt) return undefined;
    setShowReconnected(true);
    const hide = setTimeout(() => setShowReconnected(false), reconnectedShownMs);
    return () => clearTimeout(hide);
  }, [reconnectedAt]);
  const state = lostAt ? 'lost' : showReconnected ? 'back' : 'live';
  useEffect(() => {
    if (lostAt) announce(`Live updates lost at ${clock.format(lostAt)}, reconnecting…`);
  }, [lostAt]);
  useEffect(() => {
    if (reconnectedAt) announce('Reconnected: live updates are back.');
  }, [reconnectedAt]);
  return (
    <div className="connection-banner" data-connection={state}>
      {lostAt && (
        <>
          Live updates lost at <time dateTime={lostAt.toISOString()}>{clock.format(lostAt)}</time>,
          reconnecting… What you see may be out of date.
        </>
      )}
      {state === 'back' && 'Reconnected: live updates are back, and the page is up to date.'}
    </div>
  );
}
