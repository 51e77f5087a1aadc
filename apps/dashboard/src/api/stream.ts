import { storeDeletedEventSchema, storeSchema } from '@store-platform/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';

import { connectionLost, connectionOpened, resetConnection } from './connection.js';
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

/** EventSource.CLOSED: the browser gave up on the stream and will not reconnect by itself. */
const closed = 2;
/** Waits before opening a stream the browser gave up on: 1 s, doubling up to 30 s. */
export const reopenDelayMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt);

/**
 * Keeps stores in the query cache current from the server-sent events of /api/v1/stream: each `store` event
 * replaces (or adds) that store in the list and in its own entry, each `store-deleted` removes it; activity pages
 * are refetched (store-cache.ts); after `resync` or a reconnect everything is refetched. A cut is reported to
 * connection.ts (the banner). EventSource reconnects by itself after a dropped connection; after a reply that is
 * not a stream (a proxy's 502 while the provisioner restarts) it gives up, and this opens a new one, waiting
 * longer each time. Not after `session-ended`.
 */
export function useStoreStream(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let interrupted = false;
    const open = () => {
      const stream = new EventSource('/api/v1/stream');
      source = stream;
      stream.addEventListener('store', (event) => {
        const store = dataOf(event, storeSchema);
        if (store) rememberStore(client, store);
      });
      stream.addEventListener('store-deleted', (event) => {
        const deleted = dataOf(event, storeDeletedEventSchema);
        if (deleted) forgetStore(client, deleted.name);
      });
      // Changes may have been missed: the server's change feed was deaf a while (`resync`), or this stream was
      // cut and opened again (an `error`, then `open`). Everything shown is fetched again.
      stream.addEventListener('resync', () => void client.invalidateQueries());
      stream.addEventListener('error', () => {
        interrupted = true;
        connectionLost();
        if (stream.readyState !== closed) return;
        // A refused stream may mean the session ended (401): asking who is signed in shows the sign-in page then.
        void client.invalidateQueries({ queryKey: queryKeys.session() });
        reopen = setTimeout(open, reopenDelayMs(attempts));
        attempts += 1;
      });
      stream.addEventListener('open', () => {
        attempts = 0;
        if (interrupted) void client.invalidateQueries();
        interrupted = false;
        connectionOpened();
      });
      // The session ended (signed out elsewhere, expired, idle, revoked): the server closes the stream after this
      // event. Not reconnecting, and asking who is signed in, shows the sign-in page with no failed request.
      stream.addEventListener('session-ended', () => {
        stream.close();
        void client.invalidateQueries({ queryKey: queryKeys.session() });
      });
    };
    open();
    // Leaving the page closes the stream first, rather than the browser cutting it mid-response.
    const close = () => {
      clearTimeout(reopen);
      source?.close();
    };
    window.addEventListener('pagehide', close);
    return () => {
      window.removeEventListener('pagehide', close);
      close();
      resetConnection();
    };
  }, [client, enabled]);
}
