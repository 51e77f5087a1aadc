import { errorSchema } from '@store-platform/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** A request header a handler reads itself (so it is not in the route's schema): named in the OpenAPI document. */
export interface DocumentedHeader {
  name: 'If-Match' | 'Idempotency-Key';
  required: boolean;
  description: string;
  pattern: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Headers the handler reads (If-Match, Idempotency-Key), for the OpenAPI document only. */
    documentHeaders?: readonly DocumentedHeader[];
    /** The route answers 200 with server-sent events (text/event-stream), for the OpenAPI document. */
    eventStream?: boolean;
  }
}

/** If-Match on a write that takes it: the store's ETag from GET /stores/{name}. */
export const ifMatchHeader = (required: boolean): DocumentedHeader => ({
  name: 'If-Match',
  required,
  pattern: '^(W/)?"[0-9]+"$',
  description: required
    ? 'The store\'s ETag, such as "3": required (428 without it); 409 when the store has changed since.'
    : 'The store\'s ETag, such as "3": when sent, 409 if the store has changed since.',
});

export const idempotencyKeyHeader: DocumentedHeader = {
  name: 'Idempotency-Key',
  required: false,
  pattern: '^[\\x21-\\x7e]{1,200}$',
  description: 'A retried create with the same key answers the store it made instead of a second one.',
};

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/**
 * @fastify/swagger's transform: the zod schemas as JSON Schema (fastify-type-provider-zod), plus what every API route
 * may answer whether or not its own schema lists it: 400 (the query guard checks every query string; strict schemas
 * refuse unknown parameters), 401 and 403 (authorization runs first on every route that is not public), 404 for a
 * route with path parameters. A 204 has no body (no content type), and the headers the handlers read are named.
 */
export function documentRoute(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const { route } = input;
  const schema = input.schema ?? {};
  if (schema.hide) return jsonSchemaTransform(input);
  const config = (route.config ?? {}) as {
    role?: string;
    documentHeaders?: readonly DocumentedHeader[];
    eventStream?: boolean;
  };
  const response: Record<string, unknown> = { ...(schema.response as Record<string, unknown> | undefined) };
  const add = (status: number, when: boolean) => {
    if (when && response[status] === undefined) response[status] = errorSchema;
  };
  const guarded = config.role !== 'public';
  add(400, true);
  add(401, guarded);
  add(403, guarded);
  add(404, schema.params !== undefined);
  const transformed = jsonSchemaTransform({ ...input, schema: { ...schema, response } });
  const out = transformed.schema as Record<string, unknown>;
  const responses = out.response as Record<string, unknown>;
  if (responses[204] !== undefined) responses[204] = { type: 'null', description: 'No Content' };
  if (config.eventStream) {
    responses[200] = {
      description: 'Server-sent events',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    };
  }
  const headers = config.documentHeaders ?? [];
  if (headers.length > 0) {
    out.headers = {
      type: 'object',
      properties: Object.fromEntries(
        headers.map((h) => [h.name, { type: 'string', pattern: h.pattern, description: h.description }]),
      ),
      required: headers.filter((h) => h.required).map((h) => h.name),
    };
  }
  return transformed;
}

/**
 * A method a known API path does not have answers 405 with `Allow` (RFC 9110 15.5.6), not 404: the routes' paths
 * are collected as they are added, and a request Fastify found no route for is checked against them first (in
 * onRequest, before a body is parsed: a QUERY without a content type is still a wrong method). Other paths (the
 * dashboard's files and pages) keep Fastify's not-found handling.
 */
export function registerMethodNotAllowed(app: FastifyInstance, prefix: string): void {
  // Route path (as registered, `:name` for a parameter) -> its matcher and methods.
  const paths = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(prefix)) return;
    let entry = paths.get(route.url);
    if (!entry) {
      const source = route.url
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      entry = { pattern: new RegExp(`^${source}$`), methods: new Set() };
      paths.set(route.url, entry);
    }
    for (const method of [route.method].flat()) entry.methods.add(method);
  });
  const allowed = (request: FastifyRequest) => {
    const pathname = (request.raw.url ?? '').split('?')[0]?.replace(/\/+$/, '') ?? '';
    return [...paths.values()].find((p) => p.pattern.test(pathname))?.methods;
  };
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const methods = allowed(request);
    if (!methods) return;
    const allow = [...methods].sort().join(', ');
    return reply
      .status(405)
      .header('allow', allow)
      .send({
        code: 'method_not_allowed',
        message: `${request.method} is not allowed here; allowed: ${allow}`,
      });
  });
}
