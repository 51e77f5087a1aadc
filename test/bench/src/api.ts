/** The few API calls the bench and the chaos run make, as a script would: a bearer token, JSON in and out. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

export interface BenchApi {
  url: string;
  token: string;
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
}

/** Signs in as `username` and makes an API token, as `storectl login` or a CI job would. */
export async function signIn(url: string, username: string, password: string): Promise<BenchApi> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${username} failed: HTTP ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${url}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (created.status !== 201)
    throw new Error(`making a token failed: HTTP ${created.status} ${await created.text()}`);
  const { token } = (await created.json()) as { token: string };
  return apiWithToken(url, token);
}

export function apiWithToken(url: string, token: string): BenchApi {
  return {
    url,
    token,
    async call<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
      const started = performance.now();
      const response = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, ms };
    },
  };
}
