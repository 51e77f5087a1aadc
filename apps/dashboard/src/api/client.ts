import type { ErrorBody } from '@store-platform/contracts';

/** An error reply of the API, with its code and its sentence for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;

/** Remembers the session's CSRF token (from sign-in or GET /auth/me); writes send it back. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The only place that calls fetch: same-origin JSON under /api/v1, with the session cookie. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = (data as ErrorBody | undefined) ?? {
      code: 'http_error',
      message: `HTTP ${response.status}`,
    };
    throw new ApiError(response.status, error);
  }
  return data as T;
}
