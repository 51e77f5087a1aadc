import type { StoreView } from '@store-platform/contracts';

import { waitFor } from '../../../test/cluster/src/wait.js';

/** A small client for the provisioner API, as a script would use it. */
export function apiClient(baseUrl: string) {
  const call = async (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ) => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  return {
    call,
    /** Waits until the store has left the API (GET answers 404). */
    waitForGone: (name: string, timeoutMs = 120_000) =>
      waitFor(
        `store ${name} to be gone`,
        async () => ((await call('GET', `/stores/${name}`)).status === 404 ? true : undefined),
        {
          timeoutMs,
          intervalMs: 500,
        },
      ),
    store: async (name: string) => call('GET', `/stores/${name}`),
    /** Waits until the store reaches `status` (or fails the wait with the store's last state). */
    waitForStatus: async (name: string, status: string, timeoutMs = 150_000) => {
      let last: unknown;
      return waitFor(
        `store ${name} to be ${status}`,
        async () => {
          const { body } = await call('GET', `/stores/${name}`);
          last = body;
          return body.status === status ? (body as unknown as StoreView) : undefined;
        },
        { timeoutMs, intervalMs: 500 },
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}; last state: ${JSON.stringify(last)}`);
      });
    },
  };
}
