/**
 * storectl, bundled as it is published (apps/cli/build.mjs), against the real provisioner, PostgreSQL, Helm and the
 * local control plane: sign-in and the kept token, every store verb with `--output json` parsed, the exit codes
 * scripts rely on (0 done, 1 failed, 2 usage, 3 not found, 4 conflict), and `wait` following the event stream.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { freePort } from '@store-platform/test-cluster';
import type { ActivityPageView, EngineView, RevisionView, StoreView } from '@store-platform/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useProvisioner } from '../../../apps/provisioner/test/provisioner-process.js';
import { bundleStorectl, runStorectl } from './storectl-process.js';

const provisioner = useProvisioner('storectl');
let cli: Awaited<ReturnType<typeof bundleStorectl>>;
let configDir: string;

beforeAll(async () => {
  cli = await bundleStorectl('test');
  configDir = await mkdtemp(path.join(os.tmpdir(), 'storectl-'));
});
afterAll(async () => {
  await cli?.remove();
  await rm(configDir, { recursive: true, force: true });
});

/** Runs storectl with `args` (and `stdin`), as a script would; never rejects: the exit code is the result. */
const storectl = (args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) =>
  runStorectl(
    cli.bundle,
    args,
    { HOME: configDir, STORECTL_CONFIG_DIR: configDir, ...options.env },
    options.stdin,
  );
const json = async <T>(args: string[]) => {
  const result = await storectl([...args, '--output', 'json']);
  expect(result.code, `storectl ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as T;
};

describe('storectl', () => {
  it('signs in once and keeps the token readable by its owner only; refuses a wrong password', async () => {
    const { url, adminPassword } = provisioner();
    const wrong = await storectl(['login', '--server', url, '-u', 'admin', '--password-stdin'], {
      stdin: 'not-the-password\n',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^storectl: .+/);
    const login = await storectl(['login', '--server', url, '-u', 'admin', '--password-stdin'], {
      stdin: `${adminPassword}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain(`Signed in to ${url} as admin`);
    const file = await stat(path.join(configDir, 'config.json'));
    expect(file.mode & 0o777).toBe(0o600);
    expect(await json<StoreView[]>(['stores', 'list'])).toEqual([]);
    const engines = await json<{ items: EngineView[]; baseDomain: string }>(['engines']);
    expect(engines.items.map((e) => [e.id, e.availability])).toEqual([
      ['woocommerce', 'available'],
      ['medusa', 'coming_soon'],
    ]);
  });

  it('creates a store (with a title and a starter catalog) and follows it to Running, then reads, lists and waits on it', async () => {
    const catalog = path.join(configDir, 'catalog.json');
    await writeFile(
      catalog,
      JSON.stringify({
        products: [{ name: 'Espresso cup', price: '9.50', description: 'Porcelain, 80 ml.' }],
      }),
    );
    const created = await storectl([
      'stores',
      'create',
      'cli-shop',
      '--plan',
      'basic',
      '--title',
      'CLI Shop, for scripts',
      '--catalog',
      catalog,
      '--wait',
      '-o',
      'json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect((JSON.parse(created.stdout) as StoreView).status).toBe('running');
    // Progress went to stderr, step by step, never into the JSON.
    expect(created.stderr).toMatch(/cli-shop: provisioning \[create running\] — .+ \(\d\/\d\)/);
    const store = await json<StoreView>(['stores', 'get', 'cli-shop']);
    expect(store.urls.storefront).toBe('https://cli-shop.127.0.0.1.nip.io/');
    expect(store.settings.title).toBe('CLI Shop, for scripts');
    // The catalog went with the create: the install step says its setup loads it.
    expect(store.operation?.steps.find((s) => s.name === 'install')?.message).toContain(
      'loads 1 starter product',
    );
    const table = await storectl(['stores', 'list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ENGINE\s+PLAN\s+HEALTH\s+OPERATION\s+AGE$/);
    expect(table.stdout).toMatch(/cli-shop\s+running\s+woocommerce\s+basic/);
    expect((await json<StoreView[]>(['stores', 'list', '-q', 'nothing-like-it'])).length).toBe(0);
    const waited = await storectl(['stores', 'wait', 'cli-shop']);
    expect(waited.code, waited.stderr).toBe(0);
  });

  it('answers with the exit codes scripts rely on', async () => {
    const missing = await storectl(['stores', 'get', 'no-such-store']);
    expect([missing.code, missing.stderr]).toEqual([3, 'storectl: no store named "no-such-store"\n']);
    const taken = await storectl(['stores', 'create', 'cli-shop']);
    expect(taken.code, taken.stderr).toBe(4);
    const badName = await storectl(['stores', 'create', 'Not_A_Name']);
    expect(badName.code, badName.stderr).toBe(2);
    const badCatalog = path.join(configDir, 'bad-catalog.json');
    await writeFile(
      badCatalog,
      JSON.stringify({ products: [{ name: 'Cup', price: '$5', description: '' }] }),
    );
    const refusedCatalog = await storectl(['stores', 'create', 'cli-cups', '--catalog', badCatalog]);
    expect(refusedCatalog.code).toBe(2);
    expect(refusedCatalog.stderr).toContain(
      'is not a valid catalog: products.0.price: must be a price such as 12',
    );
    const badFlag = await storectl(['stores', 'create', 'x', '--plan', 'huge']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("argument 'huge' is invalid");
    const notFailed = await storectl(['stores', 'retry', 'cli-shop']);
    expect(notFailed.code, notFailed.stderr).toBe(4);
    // No terminal to ask on, and no --yes: nothing is deleted.
    const unconfirmed = await storectl(['stores', 'delete', 'cli-shop']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('refusing without --yes');
    expect((await json<StoreView>(['stores', 'get', 'cli-shop'])).status).toBe('running');
    const closed = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await storectl(['stores', 'list', '--server', closed]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`cannot reach ${closed}: ECONNREFUSED`);
  });

  it('times out a wait with exit code 1, saying where the store had got to', async () => {
    expect((await storectl(['stores', 'create', 'cli-slow'])).code).toBe(0);
    const waited = await storectl(['stores', 'wait', 'cli-slow', '--timeout', '0.5']);
    expect(waited.code).toBe(1);
    expect(waited.stderr).toMatch(
      /storectl: timed out after \d+ s waiting for cli-slow \(last: cli-slow: provisioning/,
    );
    expect((await storectl(['stores', 'wait', 'cli-slow', '--timeout', '150'])).code).toBe(0);
  });

  it('updates after showing the preview, lists revisions, rolls back and rotates, each followed to its end', async () => {
    const preview = await json<{ version: number; values: { field: string; to: unknown }[] }>([
      'stores',
      'update',
      'cli-shop',
      '--title',
      'Sweet Crumbs',
      '--dry-run',
    ]);
    expect(preview.values).toContainEqual(expect.objectContaining({ field: 'title', to: 'Sweet Crumbs' }));
    const updated = await storectl([
      'stores',
      'update',
      'cli-shop',
      '--title',
      'Sweet Crumbs',
      '--yes',
      '--wait',
    ]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stderr).toContain('Update of cli-shop will change:');
    expect((await json<StoreView>(['stores', 'get', 'cli-shop'])).settings.title).toBe('Sweet Crumbs');
    const revisions = await json<RevisionView[]>(['stores', 'revisions', 'cli-shop']);
    expect(revisions.map((r) => r.revision)).toEqual([2, 1]);
    const rolledBack = await storectl(['stores', 'rollback', 'cli-shop', '1', '--yes', '--wait']);
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    expect((await json<RevisionView[]>(['stores', 'revisions', 'cli-shop']))[0]?.revision).toBe(3);
    const rotated = await storectl(['stores', 'rotate', 'cli-shop', '--what', 'salts', '--wait']);
    expect(rotated.code, rotated.stderr).toBe(0);
    // Backups are not configured on this platform: the refusal says so, with exit code 1.
    const backup = await storectl(['stores', 'backup', 'cli-shop']);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('backups');
  });

  it('refuses a viewer’s token a write, logs every change, and deletes with --yes until the store is gone', async () => {
    const viewer = await provisioner().api.call('POST', '/auth/tokens', {
      body: { name: 'cli-viewer', role: 'viewer' },
    });
    expect(viewer.status).toBe(201);
    const refused = await storectl(['stores', 'create', 'cli-viewer-shop'], {
      env: { STORECTL_TOKEN: String(viewer.body.token) },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('your role (viewer) may not do this');
    const activity = await json<ActivityPageView>(['activity', '--store', 'cli-shop']);
    expect(activity.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'rollback']),
    );
    const deleted = await storectl(['stores', 'delete', 'cli-shop', '--yes', '--wait', '-o', 'json']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ name: 'cli-shop', status: 'deleted' });
    expect((await storectl(['stores', 'get', 'cli-shop'])).code).toBe(3);
    expect((await storectl(['stores', 'delete', 'cli-slow', '--yes'])).code).toBe(0);
    expect((await storectl(['stores', 'wait', 'cli-slow', '--for', 'gone', '--timeout', '120'])).code).toBe(
      0,
    );
  });
});
