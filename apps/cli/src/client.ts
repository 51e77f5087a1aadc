import {
  activityPageSchema,
  backupListSchema,
  engineListSchema,
  errorSchema,
  revisionListSchema,
  storeListSchema,
  storeSchema,
  tokenSchema,
  updatePreviewSchema,
  type ActivityQuery,
  type CreateStoreRequest,
  type DeleteStoreQuery,
  type RotateSecretsRequest,
  type StoreView,
  type UpdateStoreRequest,
} from '@store-platform/contracts';
import type { z } from 'zod';

import { CliError, exitCodeOf } from './exit-codes.js';

/** A refusal of the API, with its HTTP status and the body's code and sentence. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message, exitCodeOf(status));
  }
}

interface Call {
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * The provisioner's API as storectl uses it: a bearer token, JSON in and out, and every answer checked by the
 * schema the API itself answers with (packages/contracts), so a server of another version fails loudly.
 */
export function apiClient(server: string, token?: string) {
  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | undefined,
    options: Call = {},
  ) {
    const url = new URL(`api/v1${path}`, server.endsWith('/') ? server : `${server}/`);
    for (const [key, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }).catch((error: unknown) => {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(`cannot reach ${server}: ${cause?.code ?? cause?.message ?? String(error)}`);
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const refusal = errorSchema.safeParse(json);
      if (response.status === 401)
        throw new ApiError(
          401,
          'unauthorized',
          `${refusal.data?.message ?? 'not signed in'} (run storectl login)`,
        );
      throw new ApiError(
        response.status,
        refusal.data?.code ?? 'http_error',
        refusal.success ? refusal.data.message : `HTTP ${response.status} from ${url.pathname}`,
      );
    }
    return { body: (schema ? schema.parse(json) : json) as z.output<S>, etag: response.headers.get('etag') };
  }
  const store = async (method: string, path: string, options?: Call): Promise<StoreView> =>
    (await call(method, path, storeSchema, options)).body;

  return {
    server,
    token,
    listStores: async (query: { status?: string; engine?: string; q?: string } = {}) =>
      (await call('GET', '/stores', storeListSchema, { query })).body.items,
    getStore: (name: string) => store('GET', `/stores/${encodeURIComponent(name)}`),
    createStore: (request: CreateStoreRequest) => store('POST', '/stores', { body: request }),
    deleteStore: (name: string, query: DeleteStoreQuery) =>
      store('DELETE', `/stores/${encodeURIComponent(name)}`, { query }),
    retryStore: (name: string, plan?: string) =>
      store('POST', `/stores/${encodeURIComponent(name)}/retry`, { body: plan ? { plan } : {} }),
    cancel: (name: string) => store('POST', `/stores/${encodeURIComponent(name)}/cancel`),
    repair: (name: string) => store('POST', `/stores/${encodeURIComponent(name)}/repair`),
    preview: async (name: string, request: UpdateStoreRequest) =>
      (
        await call('POST', `/stores/${encodeURIComponent(name)}/preview`, updatePreviewSchema, {
          body: request,
        })
      ).body,
    update: (name: string, request: UpdateStoreRequest, version: number) =>
      store('PATCH', `/stores/${encodeURIComponent(name)}`, { body: request, headers: ifMatch(version) }),
    revisions: async (name: string) =>
      (await call('GET', `/stores/${encodeURIComponent(name)}/revisions`, revisionListSchema)).body.items,
    rollback: (name: string, revision: number, version: number) =>
      store('POST', `/stores/${encodeURIComponent(name)}/rollback`, {
        body: { revision },
        headers: ifMatch(version),
      }),
    backups: async (name: string) =>
      (await call('GET', `/stores/${encodeURIComponent(name)}/backups`, backupListSchema)).body.items,
    backup: (name: string) => store('POST', `/stores/${encodeURIComponent(name)}/backups`),
    restore: (name: string, backup: string, version: number) =>
      store('POST', `/stores/${encodeURIComponent(name)}/restore`, {
        body: { backup },
        headers: ifMatch(version),
      }),
    rotate: (name: string, what: RotateSecretsRequest['what'], version: number) =>
      store('POST', `/stores/${encodeURIComponent(name)}/rotate-secrets`, {
        body: { what },
        headers: ifMatch(version),
      }),
    activity: async (query: ActivityQuery) =>
      (await call('GET', '/activity', activityPageSchema, { query })).body,
    engines: async () => (await call('GET', '/engines', engineListSchema)).body,
    /** POST /auth/tokens with a session (cookie and CSRF token), as `login` does once. */
    createToken: async (session: { cookie: string; csrfToken: string }, name: string) =>
      (
        await call('POST', '/auth/tokens', tokenSchema, {
          body: { name },
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        })
      ).body,
    /** POST /auth/login: the session cookie and its CSRF token. */
    signIn: async (username: string, password: string) => {
      const url = new URL('api/v1/auth/login', server.endsWith('/') ? server : `${server}/`);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      }).catch((error: unknown) => {
        throw new CliError(
          `cannot reach ${server}: ${String((error as { cause?: unknown }).cause ?? error)}`,
        );
      });
      const json = (await response.json().catch(() => ({}))) as { csrfToken?: string; message?: string };
      if (!response.ok)
        throw new ApiError(response.status, 'sign_in_failed', json.message ?? `HTTP ${response.status}`);
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return { cookie, csrfToken: json.csrfToken ?? '' };
    },
    /** GET /stream: the response whose body is the event stream. */
    openStream: async (signal: AbortSignal) => {
      const url = new URL('api/v1/stream', server.endsWith('/') ? server : `${server}/`);
      const response = await fetch(url, {
        headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal,
      });
      if (!response.ok || !response.body)
        throw new ApiError(response.status, 'stream_refused', `GET /stream answered ${response.status}`);
      return response.body;
    },
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
