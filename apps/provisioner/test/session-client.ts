import { apiClient } from './api-client.js';

/** A sign-in attempt as the dashboard makes it: its status and body, and a client for the session it opened. */
export async function signIn(baseUrl: string, username: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { csrfToken?: string; message?: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const client = apiClient(baseUrl);
  // Every call carries the cookie and, as the dashboard does on writes, the CSRF token.
  const call: typeof client.call = (method, path, options = {}) =>
    client.call(method, path, {
      ...options,
      headers: { cookie, 'x-csrf-token': body.csrfToken ?? '', ...options.headers },
    });
  return { status: response.status, body, call, cookie };
}

/** Signs in and fails the test with the API's reason when that is refused. */
export async function session(baseUrl: string, username: string, password: string) {
  const attempt = await signIn(baseUrl, username, password);
  if (attempt.status !== 200)
    throw new Error(`sign-in as ${username} failed: HTTP ${attempt.status} ${attempt.body.message}`);
  return attempt;
}
