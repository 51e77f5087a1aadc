import { useEffect } from 'react';

import { useConnection } from '../../api/connection.js';
import { ConnectionBanner } from '../../ui/ConnectionBanner.js';
import { freezeTimes } from '../../ui/When.js';

/**
 * While live updates are lost: the banner says since when, badges are greyed (`data-offline` on the document) and
 * times stop, as none of them is known to be current; all come back when the stream reopens.
 */
export function ConnectionStatus() {
  const { lostAt, reconnectedAt } = useConnection();
  const offline = lostAt !== null;
  useEffect(() => {
    freezeTimes(offline);
    document.documentElement.toggleAttribute('data-offline', offline);
    return () => {
      freezeTimes(false);
      document.documentElement.removeAttribute('data-offline');
    };
  }, [offline]);
  return <ConnectionBanner lostAt={lostAt} reconnectedAt={reconnectedAt} />;
}
