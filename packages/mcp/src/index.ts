import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { planCatalog } from '@store-platform/contracts';

import { ok, type ApiCall } from './api.js';
import { registerDayTwoTools } from './day-two-tools.js';
import { registerStoreTools } from './store-tools.js';

export { ApiRefusal, type ApiCall } from './api.js';

/**
 * The platform's MCP server: tools for stores (list, get, create, health, activity) and their day-2 operations
 * (update with preview, retry, backups, restore, rollback, rotation, delete), and the plan catalog and engines as
 * resources. Every tool goes through `call`, the HTTP API as the caller, so roles, validation and the activity log
 * are the API's; destructive tools also need `confirm` naming the store.
 */
export function storeMcpServer(call: ApiCall, version = '0.1.0'): McpServer {
  const server = new McpServer(
    { name: 'store-platform', version },
    {
      instructions:
        'Stores are WooCommerce shops, each in its own Kubernetes namespace, at https://{name}.{baseDomain}. ' +
        'Writes are queued operations: follow them with get_store until the operation ends. Deleting, restoring ' +
        'and rolling back need confirm set to the store name; ask the person first.',
    },
  );
  registerStoreTools(server, call);
  registerDayTwoTools(server, call);
  server.registerResource(
    'plans',
    'store-platform://plans',
    {
      title: 'Plans',
      description: 'What each plan gives a store: replicas, CPU, memory, storage',
      mimeType: 'application/json',
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(planCatalog, null, 2) }],
    }),
  );
  server.registerResource(
    'engines',
    'store-platform://engines',
    {
      title: 'Engines',
      description: 'Store engines, whether each is available, and the versions allowed',
      mimeType: 'application/json',
    },
    async (uri) => {
      const { body } = await ok(call, 'GET', '/engines');
      return {
        contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body, null, 2) }],
      };
    },
  );
  return server;
}
