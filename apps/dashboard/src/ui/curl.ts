/** The API's path on the dashboard's origin (the same as src/api/client.ts uses; ui/ does not import api/). */
export const apiBasePath = '/api/v1';

/** The shell variable a copied command reads the API token from, so that no secret is ever copied. */
export const tokenVariable = 'STORE_PLATFORM_TOKEN';

/** One request of the API, as the dashboard would send it. */
export interface CurlRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Under the API's base, e.g. `/stores/acme-shop/retry`. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Extra headers, such as `If-Match`. */
  headers?: Record<string, string>;
}

/** `value` as one POSIX shell word: in single quotes, each inner `'` closed, escaped and reopened (`'\''`). */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The curl command that makes `request` at `origin` with an API token (`Authorization: Bearer`, as
 * apps/provisioner/src/routes/authorize.ts reads it) taken from $STORE_PLATFORM_TOKEN; one option a line.
 */
export function curlCommand(request: CurlRequest, origin: string): string {
  const parts = [
    `curl -X ${request.method} ${shellQuote(`${origin}${apiBasePath}${request.path}`)}`,
    // Double quotes: the shell puts the token in; the name has nothing else to expand.
    `-H "Authorization: Bearer $${tokenVariable}"`,
  ];
  for (const [name, value] of Object.entries(request.headers ?? {}))
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (request.body !== undefined) {
    parts.push(`-H 'Content-Type: application/json'`, `--data ${shellQuote(JSON.stringify(request.body))}`);
  }
  return parts.join(' \\\n  ');
}
