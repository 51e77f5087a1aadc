import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { storeMcpServer, type ApiCall } from '@store-platform/mcp';
import { Command } from 'commander';

import type { Context } from '../context.js';

/**
 * `storectl mcp`: the platform's MCP server over stdio, for a desktop agent that starts it (README: "MCP"). It
 * acts with storectl's token, so the agent can do what that token's role may, and no more.
 */
export function mcpCommand(ctx: Context): Command {
  return new Command('mcp')
    .description("serve the platform's tools to an AI agent over stdio (Model Context Protocol)")
    .action(async () => {
      const api = await ctx.api();
      const call: ApiCall = async (method, path, options = {}) => {
        const url = new URL(`api/v1${path}`, api.server.endsWith('/') ? api.server : `${api.server}/`);
        for (const [key, value] of Object.entries(options.query ?? {}))
          if (value !== undefined) url.searchParams.set(key, String(value));
        const response = await fetch(url, {
          method,
          headers: {
            accept: 'application/json',
            ...(api.token ? { authorization: `Bearer ${api.token}` } : {}),
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...options.headers,
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        });
        const text = await response.text();
        return {
          status: response.status,
          body: text ? (JSON.parse(text) as unknown) : undefined,
          etag: response.headers.get('etag'),
        };
      };
      const server = storeMcpServer(call);
      await server.connect(new StdioServerTransport());
      // Serves until the agent closes stdin.
      await new Promise<void>((resolve) => {
        server.server.onclose = resolve;
      });
    });
}
