import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  engineIds,
  planIds,
  storeCatalogSchema,
  storeNameSchema,
  storeTitleSchema,
  storeStatuses,
  type StoreView,
} from '@store-platform/contracts';
import { z } from 'zod';

import { ok, type ApiCall } from './api.js';
import { answer, tool } from './results.js';

const name = storeNameSchema.describe('The store name (its address is https://{name}.{baseDomain})');
const path = (store: string) => `/stores/${encodeURIComponent(store)}`;

/** A store in fewer words than the API's view: what an agent needs to answer and decide. */
export const brief = (s: StoreView) => ({
  name: s.name,
  status: s.status,
  reason: s.reason,
  engine: s.engine,
  plan: s.plan,
  health: s.health?.state ?? null,
  storefront: s.urls.storefront,
  admin: s.urls.admin,
  operation: s.operation
    ? {
        kind: s.operation.kind,
        phase: s.operation.phase,
        step: s.operation.steps.find((step) => step.status === 'running')?.title ?? null,
        error: s.operation.error ? (s.operation.error.headline ?? s.operation.error.message) : null,
      }
    : null,
});

/** Reading and creating stores: list, get, create, health, activity (read-only ones say so to the agent). */
export function registerStoreTools(server: McpServer, call: ApiCall): void {
  const readOnly = { readOnlyHint: true, openWorldHint: false };
  server.registerTool(
    'list_stores',
    {
      title: 'List stores',
      description: 'Every store, newest first, with its status, health and running operation.',
      inputSchema: {
        status: z.enum(storeStatuses).optional(),
        engine: z.enum(engineIds).optional(),
        query: z.string().max(40).optional().describe('only names containing this'),
      },
      annotations: readOnly,
    },
    (input) =>
      tool(async () => {
        const { body } = await ok(call, 'GET', '/stores', {
          query: { status: input.status, engine: input.engine, q: input.query },
        });
        return answer((body as { items: StoreView[] }).items.map(brief));
      }),
  );
  server.registerTool(
    'get_store',
    {
      title: 'Get a store',
      description:
        "One store in full: addresses, health, settings, and its last operation's steps and failure.",
      inputSchema: { name },
      annotations: readOnly,
    },
    (input) => tool(async () => answer((await ok(call, 'GET', path(input.name))).body)),
  );
  server.registerTool(
    'create_store',
    {
      title: 'Create a store',
      description:
        'Queues the creation of a store (namespace, database, app, TLS); it takes a few minutes. Follow it with get_store. Plans: see the store-platform://plans resource.',
      inputSchema: {
        name,
        engine: z.enum(engineIds).default('woocommerce'),
        plan: z.enum(planIds).default('basic'),
        title: storeTitleSchema.optional().describe("The shop's title; absent, its name"),
        catalog: storeCatalogSchema
          .optional()
          .describe(
            'A starter catalog (WooCommerce): 1 to 20 products, each a name, a price such as "12.50" and a description',
          ),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    (input) =>
      tool(async () => {
        const { body } = await ok(call, 'POST', '/stores', {
          body: {
            name: input.name,
            engine: input.engine,
            plan: input.plan,
            ...(input.title ? { title: input.title } : {}),
            ...(input.catalog ? { catalog: input.catalog } : {}),
          },
        });
        return answer(brief(body as StoreView), `Creation of ${input.name} queued.`);
      }),
  );
  server.registerTool(
    'store_health',
    {
      title: 'Store health',
      description: 'Whether a running store serves, and if not why, in words a person can act on.',
      inputSchema: { name },
      annotations: readOnly,
    },
    (input) =>
      tool(async () => {
        const store = (await ok(call, 'GET', path(input.name))).body as StoreView;
        return answer({ name: store.name, status: store.status, health: store.health });
      }),
  );
  server.registerTool(
    'activity',
    {
      title: 'Activity log',
      description: 'Who did what to which store, newest first.',
      inputSchema: {
        store: z.string().max(40).optional(),
        actor: z.string().max(60).optional(),
        action: z.string().max(20).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      },
      annotations: readOnly,
    },
    (input) => tool(async () => answer((await ok(call, 'GET', '/activity', { query: input })).body)),
  );
}
