import { readFile } from 'node:fs/promises';

import {
  engineIds,
  planIds,
  storeCatalogSchema,
  type StoreCatalog,
  type StoreView,
} from '@store-platform/contracts';
import { Command, Option } from 'commander';

import type { Context } from '../context.js';
import { CliError, exitCodes } from '../exit-codes.js';
import { age, print, table } from '../output.js';
import { waitForStore } from '../wait.js';

/** A starter catalog from a JSON file, checked by the API's schema before anything is sent. */
async function readCatalog(file: string): Promise<StoreCatalog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`--catalog: cannot read ${file}: ${(error as Error).message}`, exitCodes.usage);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`--catalog: ${file} is not JSON`, exitCodes.usage);
  }
  const catalog = storeCatalogSchema.safeParse(parsed);
  if (!catalog.success) {
    const why = catalog.error.issues.map((i) => `${i.path.join('.') || 'catalog'}: ${i.message}`).join('; ');
    throw new CliError(`--catalog: ${file} is not a valid catalog: ${why}`, exitCodes.usage);
  }
  return catalog.data;
}

const storeRows = (stores: StoreView[]) =>
  table(
    ['name', 'status', 'engine', 'plan', 'health', 'operation', 'age'],
    stores.map((s) => [
      s.name,
      s.status,
      s.engine,
      s.plan,
      s.health?.state,
      s.operation ? `${s.operation.kind} ${s.operation.phase}` : undefined,
      age(s.createdAt),
    ]),
  );

/** `storectl stores get`: the store, its addresses and its last operation, failure included. */
function storeDetails(store: StoreView): string {
  const lines = [
    `Name:       ${store.name}`,
    `Status:     ${store.status}${store.reason ? ` (${store.reason})` : ''}`,
    `Engine:     ${store.engine}, plan ${store.plan}`,
    `Storefront: ${store.urls.storefront}`,
    `Admin:      ${store.urls.admin}`,
    `Namespace:  ${store.namespace}`,
    `Version:    ${store.version}`,
    `Health:     ${store.health ? `${store.health.state}${store.health.reasons.map((r) => `; ${r.message}`).join('')}` : '-'}`,
    `Created:    ${store.createdAt} by ${store.createdBy}`,
  ];
  const op = store.operation;
  if (op) {
    lines.push(`Operation:  ${op.kind} ${op.phase} (started by ${op.startedBy})`);
    for (const step of op.steps)
      lines.push(`  ${step.status.padEnd(8)} ${step.title}${step.message ? `: ${step.message}` : ''}`);
    if (op.error) lines.push(`Error:      ${op.error.headline ?? op.error.message}`);
  }
  return lines.join('\n');
}

/** `--wait [seconds]` and `--timeout` of the writes: follow the operation until it ends. */
export const waitOption = () =>
  new Option('--wait', 'follow the operation until it ends (exit 1 if it fails)');
export const timeoutOption = () =>
  new Option('--timeout <seconds>', 'how long to wait').default(600).argParser((v) => {
    const seconds = Number(v);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new CliError(`--timeout must be seconds, not "${v}"`, exitCodes.usage);
    return seconds;
  });

/**
 * Prints what a write answered (the store, its operation queued), then with `wait` follows it until it ends: exit
 * 1 when it ends Failed.
 */
export async function afterWrite(
  ctx: Context,
  store: StoreView,
  options: { wait?: boolean; timeout: number },
  until: 'settled' | 'gone' = 'settled',
): Promise<void> {
  if (!options.wait) {
    print(
      ctx.output,
      store,
      (s) => `${s.name}: ${s.operation?.kind ?? 'change'} queued (storectl stores wait ${s.name})`,
    );
    return;
  }
  await follow(ctx, store.name, options.timeout, until);
}

/** Follows a store until it settles (or is gone), prints it, and fails (exit 1) when its operation failed. */
async function follow(ctx: Context, name: string, timeout: number, until: 'settled' | 'gone'): Promise<void> {
  const api = await ctx.api();
  const ended = await waitForStore(api, name, {
    timeoutMs: timeout * 1000,
    progress: (line) => ctx.output.err(line),
    until,
  });
  if (!ended) {
    print(ctx.output, { name, status: 'deleted' }, (s) => `${s.name}: deleted`);
    return;
  }
  print(ctx.output, ended, storeDetails);
  const op = ended.operation;
  if (ended.status === 'failed' || op?.phase === 'failed')
    throw new CliError(
      `${ended.name}: ${op?.kind ?? 'operation'} failed: ${op?.error?.headline ?? op?.error?.message ?? ended.reason ?? 'no reason given'}`,
    );
}

export function storeCommands(ctx: Context): Command {
  const stores = new Command('stores').description('list, create, follow and delete stores');

  stores
    .command('list')
    .description('every store, newest first')
    .addOption(new Option('--status <status>', 'only stores in this status'))
    .addOption(new Option('--engine <engine>').choices(engineIds))
    .option('-q, --query <text>', 'only names containing this')
    .action(async (o: { status?: string; engine?: string; query?: string }) => {
      const items = await (await ctx.api()).listStores({ status: o.status, engine: o.engine, q: o.query });
      print(ctx.output, items, (list) => (list.length ? storeRows(list) : 'No stores.'));
    });

  stores
    .command('get <name>')
    .description('one store: addresses, health, its last operation and why it failed')
    .action(async (name: string) => {
      print(ctx.output, await (await ctx.api()).getStore(name), storeDetails);
    });

  stores
    .command('create <name>')
    .description('create a store: https://{name}.{baseDomain}')
    .addOption(new Option('--engine <engine>').choices(engineIds).default('woocommerce'))
    .addOption(new Option('--plan <plan>').choices(planIds).default('basic'))
    .option('--from-backup <id>', 'a clone: restore this backup into the new store')
    .option('--title <title>', "the shop's title (default: its name)")
    .option(
      '--catalog <file>',
      'a starter catalog: a JSON file {"products": [{"name", "price", "description"}]}',
    )
    .addOption(waitOption())
    .addOption(timeoutOption())
    .action(
      async (
        name: string,
        o: {
          engine: (typeof engineIds)[number];
          plan: (typeof planIds)[number];
          fromBackup?: string;
          title?: string;
          catalog?: string;
          wait?: boolean;
          timeout: number;
        },
      ) => {
        const api = await ctx.api();
        const store = await api.createStore({
          name,
          engine: o.engine,
          plan: o.plan,
          ...(o.fromBackup ? { fromBackup: o.fromBackup } : {}),
          ...(o.title ? { title: o.title } : {}),
          ...(o.catalog ? { catalog: await readCatalog(o.catalog) } : {}),
        });
        await afterWrite(ctx, store, o);
      },
    );

  stores
    .command('delete <name>')
    .description('delete a store and everything in its namespace (asks first, or --yes)')
    .option('-y, --yes', 'do not ask')
    .option('--no-backup', 'admins: skip the backup taken before a delete')
    .option('--retain-data', 'admins: keep the volumes for a restore')
    .addOption(waitOption())
    .addOption(timeoutOption())
    .action(
      async (
        name: string,
        o: { yes?: boolean; backup: boolean; retainData?: boolean; wait?: boolean; timeout: number },
      ) => {
        await ctx.confirm(`Delete store ${name} and everything in namespace store-${name}?`, name, o.yes);
        const api = await ctx.api();
        const store = await api.deleteStore(name, {
          ...(o.backup ? {} : { backup: 'false' }),
          ...(o.retainData ? { retainData: 'true' } : {}),
        });
        await afterWrite(ctx, store, o, 'gone');
      },
    );

  stores
    .command('retry <name>')
    .description('run a failed create again (optionally on another plan)')
    .addOption(new Option('--plan <plan>').choices(planIds))
    .addOption(waitOption())
    .addOption(timeoutOption())
    .action(async (name: string, o: { plan?: string; wait?: boolean; timeout: number }) => {
      await afterWrite(ctx, await (await ctx.api()).retryStore(name, o.plan), o);
    });

  stores
    .command('wait <name>')
    .description('follow a store until its operation ends: exit 0 Running, 1 failed or timed out')
    .addOption(timeoutOption().default(300))
    .option('--for <state>', 'settled (default) or gone', 'settled')
    .action(async (name: string, o: { timeout: number; for: string }) => {
      if (o.for !== 'settled' && o.for !== 'gone')
        throw new CliError('--for is settled or gone', exitCodes.usage);
      await follow(ctx, name, o.timeout, o.for);
    });

  return stores;
}
