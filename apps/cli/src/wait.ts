import type { StoreView } from '@store-platform/contracts';
import { storeSchema } from '@store-platform/contracts';
import { createParser } from 'eventsource-parser';

import type { ApiClient } from './client.js';
import { CliError, exitCodes } from './exit-codes.js';

/** Where a store has got to, in one line: status, then the running step of its operation. */
export function progressLine(store: StoreView): string {
  const operation = store.operation;
  const steps = operation?.steps ?? [];
  const done = steps.filter((s) => s.status === 'done' || s.status === 'skipped').length;
  const running = steps.find((s) => s.status === 'running');
  const step = running ? ` — ${running.title} (${done + 1}/${steps.length})` : '';
  return `${store.name}: ${store.status}${operation && operation.phase !== 'succeeded' ? ` [${operation.kind} ${operation.phase}]` : ''}${step}`;
}

/** A status a store rests in: no operation runs and none is queued. */
const settled = (store: StoreView) =>
  !store.operation || (store.operation.phase !== 'queued' && store.operation.phase !== 'running');

/**
 * Follows the event stream until the store settles (its operation ends), printing each change of its progress;
 * resolves with the store. Rejects with exit code 1 after `timeoutMs`, or when it ends Failed; 3 when it is gone
 * (unless `gone` is what is awaited).
 */
export async function waitForStore(
  api: ApiClient,
  name: string,
  options: { timeoutMs: number; progress: (line: string) => void; until?: 'settled' | 'gone' },
): Promise<StoreView | undefined> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  let last = '';
  const seen = (store: StoreView) => {
    const line = progressLine(store);
    if (line !== last) options.progress(line);
    last = line;
  };
  try {
    // Open the stream first, then read the store: a change between the two is then not missed.
    const body = await api.openStream(abort.signal);
    const outcome = new Promise<StoreView | undefined>((resolve, reject) => {
      const check = (store: StoreView | undefined) => {
        if (!store) {
          if (options.until === 'gone') resolve(undefined);
          else reject(new CliError(`store ${name} is gone`, exitCodes.notFound));
          return;
        }
        seen(store);
        if (options.until !== 'gone' && settled(store)) resolve(store);
      };
      const parser = createParser({
        onEvent: (event) => {
          if (event.event === 'store') {
            const store = storeSchema.parse(JSON.parse(event.data));
            if (store.name === name) check(store);
          } else if (event.event === 'store-deleted') {
            if ((JSON.parse(event.data) as { name: string }).name === name) check(undefined);
          } else if (event.event === 'resync') {
            api
              .getStore(name)
              .then(check, (error: unknown) => (isNotFound(error) ? check(undefined) : reject(error)));
          } else if (event.event === 'session-ended') {
            reject(new CliError(`the server ended the event stream: ${event.data}`));
          }
        },
      });
      void (async () => {
        const decoder = new TextDecoder();
        for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
        reject(new CliError('the server closed the event stream'));
      })().catch(reject);
      api
        .getStore(name)
        .then(check, (error: unknown) => (isNotFound(error) ? check(undefined) : reject(error)));
    });
    return await outcome;
  } catch (error) {
    if (abort.signal.aborted)
      throw new CliError(
        `timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${name}${last ? ` (last: ${last})` : ''}`,
      );
    throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

const isNotFound = (error: unknown) => error instanceof CliError && error.exitCode === exitCodes.notFound;
