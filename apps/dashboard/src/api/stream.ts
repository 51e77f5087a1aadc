import { storeDeletedEventSchema, storeSchema } from '@store-platform/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';

import { queryKeys } from './query-keys.js';
import { forgetStore, rememberStore } from './store-cache.js';

/** An event's data parsed with its contract schema; undefined (and a console warning) when it does not match. */
function dataOf<T>(event: Event, schema: z.ZodType<T>): T | undefined {
  // addEventListener types named events as Event; EventSource delivers them as MessageEvents of text.
  const text = (event as MessageEvent<string>).data;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  // One odd event must not break the page (the next refetch shows the truth); the warning tells a developer why.
  console.warn(`GET /api/v1/stream sent a "${event.type}" event of an unexpected shape: ${text}`);
  return undefined;
}

/**
 * Keeps stores in the query cache current from the server-sent events of /api/v1/stream: each `store` event
 * replaces (or adds) that store in the list and in its own entry, each `store-deleted` removes it; activity pages
 * are refetched (store-cache.ts); after `resync` or a reconnect everything is refetched. EventSource reconnects by
 * itself, except after `session-ended`.
 */
export function useStoreStream(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    const source = new EventSource('/api/v1/stream');
    source.addEventListener('store', (event) => {
      const store = dataOf(event, storeSchema);
      if (store) rememberStore(client, store);
    });
    source.addEventListener('store-deleted', (event) => {
      const deleted = dataOf(event, storeDeletedEventSchema);
      if (deleted) forgetStore(client, deleted.name);
    });
    // Changes may have been missed: the server's change feed was deaf a while (`resync`), or this stream was cut
    // and EventSource opened it again (an `error`, then `open`). Everything shown is fetched again.
    source.addEventListener('resync', () => void client.invalidateQueries());
    let interrupted = false;
    source.addEventListener('error', () => (interrupted = true));
    source.addEventListener('open', () => {
      if (interrupted) void client.invalidateQueries();
      interrupted = false;
    });
    // The session ended (signed out elsewhere, expired, idle, revoked): the server closes the stream after this
    // event. Not reconnecting, and asking who is signed in, shows the sign-in page with no failed request.
    source.addEventListener('session-ended', () => {
      source.close();
      void client.invalidateQueries({ queryKey: queryKeys.session() });
    });
    // Leaving the page closes the stream first, rather than the browser cutting it mid-response.
    const close = () => source.close();
    window.addEventListener('pagehide', close);
    return () => {
      window.removeEventListener('pagehide', close);
      close();
    };
  }, [client, enabled]);
}
