import { errorSchema, type ErrorBody } from '@store-platform/contracts';
import type { z } from 'zod';

/** An error reply of the API, with its code and its sentence for people. */
export class ApiError extends Error {
  constructor(
    /** The HTTP status of the reply. */
    readonly status: number,
    /** The reply's body; `{ code: 'http_error' }` when it had none of the API's error shape (e.g. a proxy's page). */
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

/**
 * A successful reply that does not have the shape its contract schema gives: the API and this build disagree
 * (an older or newer provisioner), or something between them answered. The message names the endpoint and what
 * was wrong, so that the screen showing it says where to look.
 */
export class UnexpectedResponseError extends Error {
  constructor(
    /** The request that got the reply, e.g. `GET /api/v1/stores`. */
    readonly endpoint: string,
    /** The reply's HTTP status. */
    readonly status: number,
    /** What was wrong, one line per problem, e.g. `items[0].status: Invalid option … (got "paused")`. */
    readonly problems: string[],
  ) {
    super(`${endpoint} answered with an unexpected shape: ${problems.join('; ')}`);
    this.name = 'UnexpectedResponseError';
  }
}

/** Options of one request. */
export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Extra headers, e.g. If-Match. */
  headers?: Record<string, string>;
}

let csrfToken: string | undefined;

/** Remembers the session's CSRF token (from sign-in or GET /auth/session); writes send it back. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** A value as a problem line shows it: short, and never a whole object (it could hold a secret). */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** A path such as `items[0].status`; the reply itself when the path is empty. */
function pathOf(path: readonly PropertyKey[]): string {
  const text = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  return text ? text.replace(/^\./, '') : 'the reply';
}

/** One problem of a failed parse: where it is, what was wrong, and what was there. */
function problemOf(issue: z.core.$ZodIssue): string {
  // A type mismatch's message already says which type came; for others (a value not allowed) the value is news.
  const got = issue.code !== 'invalid_type' && 'input' in issue ? ` (got ${shown(issue.input)})` : '';
  return `${pathOf(issue.path)}: ${issue.message}${got}`;
}

/** The first few problems of a failed parse. */
function problemsOf(error: z.ZodError): string[] {
  const problems = error.issues.slice(0, 3).map(problemOf);
  if (error.issues.length > 3) problems.push(`and ${error.issues.length - 3} more`);
  return problems;
}

/**
 * The only place that calls fetch: same-origin JSON under /api/v1, with the session cookie. A reply other than
 * 2xx becomes an ApiError; a 2xx reply is parsed with `schema` (from @store-platform/contracts), and one that does
 * not match becomes an UnexpectedResponseError, so that no screen renders data of a shape it does not know.
 */
export async function api<Schema extends z.ZodType>(
  method: string,
  path: string,
  schema: Schema,
  { body, headers: extraHeaders = {} }: RequestOptions = {},
): Promise<z.output<Schema>> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const url = `/api/v1${path}`;
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const endpoint = `${method} ${url}`;
  const text = await response.text();
  let data: unknown = null;
  try {
    if (text) data = JSON.parse(text);
  } catch {
    if (response.ok) {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new UnexpectedResponseError(endpoint, response.status, [`the reply is not JSON (${type})`]);
    }
  }
  if (!response.ok) {
    const error = errorSchema.safeParse(data);
    throw new ApiError(
      response.status,
      error.success ? error.data : { code: 'http_error', message: `HTTP ${response.status}` },
    );
  }
  // reportInput: each issue carries the value found, so that the message can say what came instead.
  const parsed = schema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new UnexpectedResponseError(endpoint, response.status, problemsOf(parsed.error));
  return parsed.data;
}
