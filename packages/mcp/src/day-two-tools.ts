import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { planIds, rotationKinds, storeNameSchema, type StoreView } from '@store-platform/contracts';
import { z } from 'zod';

import { ok, versionOf, type ApiCall } from './api.js';
import { answer, refusal, tool } from './results.js';
import { brief } from './store-tools.js';

const name = storeNameSchema.describe('The store name');
const path = (store: string) => `/stores/${encodeURIComponent(store)}`;
const confirm = z
  .string()
  .optional()
  .describe('The store name again, typed by the person who asked for this: the tool refuses without it');
const destructive = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: false,
};
const change = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
const readOnly = { readOnlyHint: true, openWorldHint: false };

/** A destructive tool runs only when `confirm` names the store; else it says how to ask for it. */
const unconfirmed = (what: string, store: string, given: string | undefined) =>
  given === store
    ? undefined
    : refusal(
        `Refused: ${what} ${store} cannot be undone. Ask the person to confirm, then call again with confirm: "${store}".`,
      );

/** Reads the store's version (its ETag) for the If-Match a change needs: no change is made blind. */
const currentVersion = async (call: ApiCall, store: string) =>
  versionOf((await ok(call, 'GET', path(store))).etag);

/** The day-2 operations: update (previewed), retry, repair, backups, restore, revisions, rollback, rotation, delete. */
export function registerDayTwoTools(server: McpServer, call: ApiCall): void {
  const queued = (body: unknown, what: string) =>
    answer(brief(body as StoreView), `${what} queued; follow it with get_store.`);
  /** A change made at the store's current version (its ETag as If-Match): no change is made blind. */
  const changeAtVersion = async (store: string, action: string, body: unknown, label: string) => {
    const version = await currentVersion(call, store);
    const answer = await ok(call, 'POST', `${path(store)}/${action}`, {
      body,
      headers: { 'if-match': `"${version}"` },
    });
    return queued(answer.body, label);
  };

  server.registerTool(
    'update_store',
    {
      title: 'Update a store',
      description:
        'Changes a running store (plan, replicas, title, admin e-mail, engine version). Without apply it only previews what would change (values and Kubernetes objects); show that to the person, then call again with apply: true.',
      inputSchema: {
        name,
        plan: z.enum(planIds).optional(),
        replicas: z.number().int().min(1).max(10).optional(),
        title: z.string().max(100).optional(),
        adminEmail: z.string().max(200).optional(),
        engineVersion: z.string().max(100).optional(),
        apply: z.boolean().default(false),
      },
      annotations: change,
    },
    ({ name: store, apply, ...request }) =>
      tool(async () => {
        const preview = (await ok(call, 'POST', `${path(store)}/preview`, { body: request })).body as {
          version: number;
        };
        if (!apply)
          return answer(preview, 'Preview only: nothing changed. Call again with apply: true to apply it.');
        const { body } = await ok(call, 'PATCH', path(store), {
          body: request,
          headers: { 'if-match': `"${preview.version}"` },
        });
        return queued(body, `Update of ${store}`);
      }),
  );
  server.registerTool(
    'retry_store',
    {
      title: 'Retry a failed store',
      description: 'Runs a failed create again, optionally on another plan.',
      inputSchema: { name, plan: z.enum(planIds).optional() },
      annotations: change,
    },
    (input) =>
      tool(async () =>
        queued(
          (
            await ok(call, 'POST', `${path(input.name)}/retry`, {
              body: input.plan ? { plan: input.plan } : {},
            })
          ).body,
          `Retry of ${input.name}`,
        ),
      ),
  );
  server.registerTool(
    'repair_store',
    {
      title: 'Repair a store',
      description: 'Installs a drifted running store again; removes nothing.',
      inputSchema: { name },
      annotations: change,
    },
    (input) =>
      tool(async () =>
        queued((await ok(call, 'POST', `${path(input.name)}/repair`)).body, `Repair of ${input.name}`),
      ),
  );
  server.registerTool(
    'list_backups',
    {
      title: 'List backups',
      description: "The store's backups, newest first.",
      inputSchema: { name },
      annotations: readOnly,
    },
    (input) => tool(async () => answer((await ok(call, 'GET', `${path(input.name)}/backups`)).body)),
  );
  server.registerTool(
    'backup_store',
    {
      title: 'Back a store up',
      description: 'Backs up the database and uploads now.',
      inputSchema: { name },
      annotations: change,
    },
    (input) =>
      tool(async () =>
        queued((await ok(call, 'POST', `${path(input.name)}/backups`)).body, `Backup of ${input.name}`),
      ),
  );
  server.registerTool(
    'list_revisions',
    {
      title: 'List revisions',
      description: "The store's Helm revisions, newest first, with what each changed.",
      inputSchema: { name },
      annotations: readOnly,
    },
    (input) => tool(async () => answer((await ok(call, 'GET', `${path(input.name)}/revisions`)).body)),
  );
  server.registerTool(
    'rotate_secrets',
    {
      title: 'Rotate a credential',
      description:
        'Renews the database password, the sign-in salts (everyone signs in again) or the store admin password.',
      inputSchema: { name, what: z.enum(rotationKinds) },
      annotations: change,
    },
    (input) =>
      tool(async () => {
        return changeAtVersion(
          input.name,
          'rotate-secrets',
          { what: input.what },
          `Rotation (${input.what}) of ${input.name}`,
        );
      }),
  );
  server.registerTool(
    'rollback_store',
    {
      title: 'Roll a store back',
      description: 'Installs an earlier revision again. Needs confirm.',
      inputSchema: { name, revision: z.number().int().min(1), confirm },
      annotations: destructive,
    },
    (input) =>
      tool(async () => {
        const refused = unconfirmed('rolling back', input.name, input.confirm);
        if (refused) return refused;
        return changeAtVersion(
          input.name,
          'rollback',
          { revision: input.revision },
          `Rollback of ${input.name} to revision ${input.revision}`,
        );
      }),
  );
  server.registerTool(
    'restore_store',
    {
      title: 'Restore a backup',
      description: "Replaces the store's database and uploads with a backup's. Needs confirm.",
      inputSchema: { name, backup: z.uuid(), confirm },
      annotations: destructive,
    },
    (input) =>
      tool(async () => {
        const refused = unconfirmed('restoring over', input.name, input.confirm);
        if (refused) return refused;
        return changeAtVersion(input.name, 'restore', { backup: input.backup }, `Restore of ${input.name}`);
      }),
  );
  server.registerTool(
    'delete_store',
    {
      title: 'Delete a store',
      description:
        'Deletes the store and everything in its namespace (a backup is taken first when the platform is set to). Needs confirm.',
      inputSchema: { name, confirm },
      annotations: destructive,
    },
    (input) =>
      tool(async () => {
        const refused = unconfirmed('deleting', input.name, input.confirm);
        if (refused) return refused;
        return queued((await ok(call, 'DELETE', path(input.name))).body, `Deletion of ${input.name}`);
      }),
  );
}
