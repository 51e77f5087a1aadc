/**
 * The platform's MCP server (packages/mcp) through the official SDK's client, as an AI agent uses it: over stdio
 * (`storectl mcp`, bundled as published) and over streamable HTTP (the provisioner's /api/v1/mcp), against the
 * real provisioner on the local control plane. Tools and
 * resources are listed and called; a viewer's token cannot create; a delete without its confirmation is refused.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { apiClient } from '../../../apps/provisioner/test/api-client.js';
import { useProvisioner } from '../../../apps/provisioner/test/provisioner-process.js';

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../apps/cli');
const provisioner = useProvisioner('storectl_mcp');
let bundle: string;
const clients: Client[] = [];

beforeAll(async () => {
  bundle = path.join(cliDir, 'dist', `mcp-test-${process.pid}`, 'storectl.js');
  await promisify(execFile)(process.execPath, [path.join(cliDir, 'build.mjs'), bundle]);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await rm(path.dirname(bundle), { recursive: true, force: true });
});

/** An agent's MCP client, connected to `storectl mcp` run with `token`. */
async function agent(token: string): Promise<Client> {
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [bundle, 'mcp'],
      env: { PATH: process.env.PATH ?? '', STORECTL_SERVER: provisioner().url, STORECTL_TOKEN: token },
    }),
  );
  clients.push(client);
  return client;
}
/** An agent's MCP client over HTTP, signed in with `token` (or not at all). */
async function httpAgent(token?: string): Promise<Client> {
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${provisioner().url}/api/v1/mcp`), {
      requestInit: { headers: token ? { authorization: `Bearer ${token}` } : {} },
    }),
  );
  clients.push(client);
  return client;
}
const text = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;
const parsed = <T>(result: unknown) => JSON.parse(text(result).replace(/^[^[{]*\n/, '')) as T;

describe('MCP over stdio (storectl mcp)', () => {
  it('lists its tools and resources, and creates, follows and (confirmed) deletes a store', async () => {
    // A token made with the admin's password, as `storectl login` makes one.
    const client = await agent(
      await apiClient(provisioner().url).tokenFor('admin', provisioner().adminPassword),
    );
    const tools = (await client.listTools()).tools;
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'list_stores',
        'get_store',
        'create_store',
        'store_health',
        'activity',
        'update_store',
        'delete_store',
        'restore_store',
        'rollback_store',
      ]),
    );
    expect(tools.find((t) => t.name === 'delete_store')?.annotations?.destructiveHint).toBe(true);
    const resources = (await client.listResources()).resources.map((r) => r.uri);
    expect(resources).toEqual(['store-platform://plans', 'store-platform://engines']);
    const engines = await client.readResource({ uri: 'store-platform://engines' });
    expect(
      (JSON.parse((engines.contents[0] as { text: string }).text) as { baseDomain: string }).baseDomain,
    ).toBe('127.0.0.1.nip.io');

    const created = await client.callTool({ name: 'create_store', arguments: { name: 'mcp-shop' } });
    expect(created.isError, text(created)).toBeFalsy();
    expect(text(created)).toContain('Creation of mcp-shop queued.');
    const running = await waitFor(
      'mcp-shop to be Running, read through get_store',
      async () => {
        const store = parsed<{ status: string }>(
          await client.callTool({ name: 'get_store', arguments: { name: 'mcp-shop' } }),
        );
        return store.status === 'running' ? store : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 1000 },
    );
    expect(running.status).toBe('running');
    const listed = parsed<{ name: string; storefront: string }[]>(
      await client.callTool({ name: 'list_stores', arguments: {} }),
    );
    expect(listed).toContainEqual(
      expect.objectContaining({ name: 'mcp-shop', storefront: 'https://mcp-shop.127.0.0.1.nip.io/' }),
    );
    const preview = await client.callTool({
      name: 'update_store',
      arguments: { name: 'mcp-shop', title: 'Sweet Crumbs' },
    });
    expect(text(preview)).toContain('Preview only: nothing changed.');

    const unconfirmed = await client.callTool({ name: 'delete_store', arguments: { name: 'mcp-shop' } });
    expect(unconfirmed.isError).toBe(true);
    expect(text(unconfirmed)).toContain('call again with confirm: "mcp-shop"');
    const wrongName = await client.callTool({
      name: 'delete_store',
      arguments: { name: 'mcp-shop', confirm: 'other' },
    });
    expect(wrongName.isError).toBe(true);
    expect((await provisioner().api.store('mcp-shop')).status).toBe(200);
    const deleted = await client.callTool({
      name: 'delete_store',
      arguments: { name: 'mcp-shop', confirm: 'mcp-shop' },
    });
    expect(deleted.isError, text(deleted)).toBeFalsy();
    await provisioner().api.waitForGone('mcp-shop');
    const activity = parsed<{ items: { action: string; actor: string }[] }>(
      await client.callTool({ name: 'activity', arguments: { store: 'mcp-shop' } }),
    );
    expect(activity.items.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'delete']));
  });

  it('lets a viewer’s token read but not create, in the API’s own words', async () => {
    const token = await provisioner().api.call('POST', '/auth/tokens', {
      body: { name: 'mcp-viewer', role: 'viewer' },
    });
    expect(token.status).toBe(201);
    const client = await agent(String(token.body.token));
    expect((await client.callTool({ name: 'list_stores', arguments: {} })).isError).toBeFalsy();
    const refused = await client.callTool({ name: 'create_store', arguments: { name: 'mcp-viewer-shop' } });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain(
      'POST /stores was refused (HTTP 403): your role (viewer) may not do this',
    );
    expect((await provisioner().api.store('mcp-viewer-shop')).status).toBe(404);
  });
});

describe('MCP over streamable HTTP (/api/v1/mcp)', () => {
  it('serves the same tools to a signed-in agent, with the caller’s role and the confirmation rule', async () => {
    const admin = await httpAgent(
      await apiClient(provisioner().url).tokenFor('admin', provisioner().adminPassword),
    );
    expect((await admin.listTools()).tools.map((t) => t.name)).toContain('create_store');
    const created = await admin.callTool({ name: 'create_store', arguments: { name: 'mcp-http-shop' } });
    expect(created.isError, text(created)).toBeFalsy();
    const unconfirmed = await admin.callTool({ name: 'delete_store', arguments: { name: 'mcp-http-shop' } });
    expect(unconfirmed.isError).toBe(true);
    await provisioner().api.waitForStatus('mcp-http-shop', 'running');
    const activity = parsed<{ items: { action: string; actor: string }[] }>(
      await admin.callTool({ name: 'activity', arguments: { store: 'mcp-http-shop' } }),
    );
    expect(activity.items).toContainEqual(expect.objectContaining({ action: 'create', actor: 'admin' }));

    const rotated = await admin.callTool({
      name: 'rotate_secrets',
      arguments: { name: 'mcp-http-shop', what: 'salts' },
    });
    expect(rotated.isError, text(rotated)).toBeFalsy();
    expect(text(rotated)).toContain('Rotation (salts) of mcp-http-shop queued');
    await waitFor(
      'the rotation to end',
      async () => {
        const store = (await provisioner().api.store('mcp-http-shop')).body as {
          operation?: { kind: string; phase: string };
        };
        return store.operation?.kind === 'rotate-secrets' && store.operation.phase === 'succeeded'
          ? true
          : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );

    const viewerToken = await provisioner().api.call('POST', '/auth/tokens', {
      body: { name: 'mcp-http-viewer', role: 'viewer' },
    });
    const viewer = await httpAgent(String(viewerToken.body.token));
    const refused = await viewer.callTool({
      name: 'delete_store',
      arguments: { name: 'mcp-http-shop', confirm: 'mcp-http-shop' },
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('(HTTP 403): your role (viewer) may not do this');
    const deleted = await admin.callTool({
      name: 'delete_store',
      arguments: { name: 'mcp-http-shop', confirm: 'mcp-http-shop' },
    });
    expect(deleted.isError, text(deleted)).toBeFalsy();
    await provisioner().api.waitForGone('mcp-http-shop');
  });

  it('refuses an agent without credentials, and stays out of the OpenAPI document', async () => {
    await expect(httpAgent()).rejects.toThrow(
      'sign in first: send the session cookie, or an Authorization: Bearer token',
    );
    const document = (await provisioner().api.call('GET', '/openapi.json')).body as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).not.toContain('/mcp');
  });
});
