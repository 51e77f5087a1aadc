/**
 * The event-stream subscribers of scenario 4, in a worker thread: parsing thousands of events on the bench's main
 * thread would delay the API requests it times there. Messages in: `check` (have all seen every watched store
 * Running?), `stop`. Out: `ready`, `checked` with a boolean, `stopped` with the delays.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { apiWithToken } from './api.js';
import { subscribe } from './bench-sse.js';

interface Input {
  url: string;
  token: string;
  count: number;
  watched: string[];
}

const { url, token, count, watched } = workerData as Input;
const names = new Set(watched);
const api = apiWithToken(url, token);
const subscribers = await Promise.all(
  Array.from({ length: count }, () => subscribe(api, (n) => names.has(n))),
);
parentPort?.postMessage({ type: 'ready' });
parentPort?.on('message', (message: string) => {
  if (message === 'check') {
    const done = subscribers.every((s) => watched.every((n) => s.seen.get(n)?.has('running')));
    parentPort?.postMessage({ type: 'checked', done });
  } else if (message === 'stop') {
    for (const s of subscribers) s.close();
    parentPort?.postMessage({
      type: 'stopped',
      delaysMs: subscribers.flatMap((s) => s.delaysMs),
      untimed: subscribers.reduce((sum, s) => sum + s.untimed, 0),
    });
  }
});
