import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { storeMcpServer, type ApiCall } from '@store-platform/mcp';
import type { FastifyInstance, FastifyRequest, InjectOptions, LightMyRequestResponse } from 'fastify';

/** The caller's credentials, passed on to each API call a tool makes. */
const credentialHeaders = ['authorization', 'cookie', 'x-csrf-token'] as const;

/**
 * POST /mcp: the platform's MCP server (packages/mcp) over streamable HTTP, stateless (each request is answered on
 * its own, as JSON), for agents that reach the platform over the network. Signing in is the API's (a bearer token,
 * or a session with its CSRF token); each tool then calls the API in-process (`inject`) with the same
 * credentials and the caller's address, so roles, validation, rate limits and the activity log are the API's own.
 * Not in the OpenAPI document: its body is JSON-RPC, described by the MCP specification.
 */
export function mcpRoutes(inject: (options: InjectOptions) => Promise<LightMyRequestResponse>) {
  const callAs =
    (request: FastifyRequest): ApiCall =>
    async (method, path, options = {}) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(options.query ?? {}))
        if (value !== undefined) query.set(key, String(value));
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
      for (const name of credentialHeaders) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await inject({
        method: method as 'GET',
        url: `/api/v1${path}${query.size ? `?${query}` : ''}`,
        headers,
        remoteAddress: request.ip,
        ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
      });
      const etag = response.headers.etag;
      return {
        status: response.statusCode,
        body: response.body ? (JSON.parse(response.body) as unknown) : undefined,
        etag: typeof etag === 'string' ? etag : null,
      };
    };

  return async (app: FastifyInstance) => {
    app.post('/mcp', { schema: { hide: true } }, async (request, reply) => {
      const server = storeMcpServer(callAs(request));
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      reply.raw.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      reply.hijack();
      await transport.handleRequest(request.raw, reply.raw, request.body);
    });
  };
}
