import type { StoreView } from '@store-platform/contracts';
import { waitFor } from '@store-platform/test-cluster';

/** A small client for the provisioner API, as a script would use it (with a bearer token when given). */
export function apiClient(baseUrl: string, token?: string) {
  const call = async (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ) => {
    const headers: Record<string, string> = {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    };
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
    /** Signs in with a password and makes an API token, as a script's setup would. */
    tokenFor: async (username: string, password: string) => {
      const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!login.ok)
        throw new Error(`sign-in as ${username} failed: HTTP ${login.status} ${await login.text()}`);
      const me = (await login.json()) as { csrfToken: string };
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const created = await fetch(`${baseUrl}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ name: 'tests' }),
      });
      if (created.status !== 201)
        throw new Error(`making a token failed: HTTP ${created.status} ${await created.text()}`);
      return ((await created.json()) as { token: string }).token;
    },
    /** Waits until the store has left the API (GET answers 404). */
    waitForGone: (name: string, timeoutMs = 120_000) =>
      waitFor(
        `store ${name} to be gone`,
        async () => {
          const { status, body } = await call('GET', `/stores/${name}`);
          if (status !== 404)
            throw new Error(`GET /stores/${name} answers ${status}: ${JSON.stringify(body)}`);
          return true;
        },
        { timeoutMs, intervalMs: 500 },
      ),
    store: async (name: string) => call('GET', `/stores/${name}`),
    /** Waits until the store reaches `status` (or fails the wait with the store's last state). */
    waitForStatus: (name: string, status: string, timeoutMs = 150_000) =>
      waitFor(
        `store ${name} to be ${status}`,
        async () => {
          const { body } = await call('GET', `/stores/${name}`);
          if (body.status !== status) throw new Error(`store ${name}: ${JSON.stringify(body)}`);
          return body as unknown as StoreView;
        },
        { timeoutMs, intervalMs: 500 },
      ),
  };
}
