import { planIds, rotationKinds, type UpdatePreview } from '@store-platform/contracts';
import { type Command, Option } from 'commander';

import type { Context } from '../context.js';
import { CliError, exitCodes } from '../exit-codes.js';
import { age, print, table } from '../output.js';
import { afterWrite, timeoutOption, waitOption } from './stores.js';

const waitOptions = (command: Command) => command.addOption(waitOption()).addOption(timeoutOption());

const previewText = (preview: UpdatePreview) =>
  [
    ...preview.values.map((v) => `  ${v.field}: ${JSON.stringify(v.from)} -> ${JSON.stringify(v.to)}`),
    ...preview.manifests.map((m) => `  ${m.change} ${m.kind}/${m.name}`),
    ...preview.notes.map((n) => `  note: ${n}`),
  ].join('\n') || '  nothing changes';

const positiveInt = (what: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`${what} must be a whole number from 1, not "${value}"`, exitCodes.usage);
  return n;
};

/** The day-2 verbs of a running store: update (with preview), rollback, backups, restore, rotation, repair, cancel. */
export function dayTwoCommands(ctx: Context, stores: Command): void {
  waitOptions(
    stores
      .command('update <name>')
      .description('change a running store: shows the preview (values and manifests) first, then asks')
      .addOption(new Option('--plan <plan>').choices(planIds))
      .option('--replicas <n>', 'app replicas', positiveInt('--replicas'))
      .option('--title <title>', "the shop's title")
      .option('--admin-email <email>', "the store administrator's e-mail")
      .option('--engine-version <tag>', 'an engine version the operator allows (storectl engines)')
      .option('--dry-run', 'show the preview only')
      .option('-y, --yes', 'apply without asking'),
  ).action(
    async (
      name: string,
      o: {
        plan?: (typeof planIds)[number];
        replicas?: number;
        title?: string;
        adminEmail?: string;
        engineVersion?: string;
        dryRun?: boolean;
        yes?: boolean;
        wait?: boolean;
        timeout: number;
      },
    ) => {
      const api = await ctx.api();
      const request = {
        plan: o.plan,
        replicas: o.replicas,
        title: o.title,
        adminEmail: o.adminEmail,
        engineVersion: o.engineVersion,
      };
      if (Object.values(request).every((v) => v === undefined))
        throw new CliError(
          'name at least one of --plan, --replicas, --title, --admin-email, --engine-version',
          exitCodes.usage,
        );
      const preview = await api.preview(name, request);
      if (o.dryRun)
        return print(ctx.output, preview, (p) => `Update of ${name} would change:\n${previewText(p)}`);
      ctx.output.err(`Update of ${name} will change:\n${previewText(preview)}`);
      await ctx.confirm(`Apply this update to ${name}?`, name, o.yes);
      // The preview's version: if the store changed since, the API refuses (exit 4) rather than apply blind.
      await afterWrite(ctx, await api.update(name, request, preview.version), o);
    },
  );

  stores
    .command('revisions <name>')
    .description("the store's Helm revisions, newest first, with what each changed")
    .action(async (name: string) => {
      const items = await (await ctx.api()).revisions(name);
      print(ctx.output, items, (list) =>
        table(
          ['revision', 'status', 'chart', 'updated', 'by', 'description'],
          list.map((r) => [r.revision, r.status, r.chartVersion, age(r.updatedAt), r.actor, r.description]),
        ),
      );
    });

  waitOptions(
    stores
      .command('rollback <name> <revision>')
      .description('install an earlier revision again (asks first, or --yes)')
      .option('-y, --yes', 'do not ask'),
  ).action(async (name: string, revision: string, o: { yes?: boolean; wait?: boolean; timeout: number }) => {
    const to = positiveInt('revision')(revision);
    const api = await ctx.api();
    const store = await api.getStore(name);
    await ctx.confirm(`Roll ${name} back to revision ${to}?`, name, o.yes);
    await afterWrite(ctx, await api.rollback(name, to, store.version), o);
  });

  stores
    .command('backups <name>')
    .description("the store's backups, newest first")
    .action(async (name: string) => {
      const items = await (await ctx.api()).backups(name);
      print(ctx.output, items, (list) =>
        list.length
          ? table(
              ['id', 'status', 'reason', 'size', 'created', 'by'],
              list.map((b) => [b.id, b.status, b.reason, b.sizeBytes, age(b.createdAt), b.createdBy]),
            )
          : 'No backups.',
      );
    });

  waitOptions(
    stores.command('backup <name>').description('back the store up now (database and uploads)'),
  ).action(async (name: string, o: { wait?: boolean; timeout: number }) => {
    await afterWrite(ctx, await (await ctx.api()).backup(name), o);
  });

  waitOptions(
    stores
      .command('restore <name> <backup-id>')
      .description("replace the store's database and uploads with a backup's (asks first, or --yes)")
      .option('-y, --yes', 'do not ask'),
  ).action(async (name: string, backup: string, o: { yes?: boolean; wait?: boolean; timeout: number }) => {
    const api = await ctx.api();
    const store = await api.getStore(name);
    await ctx.confirm(`Replace the data of ${name} with backup ${backup}?`, name, o.yes);
    await afterWrite(ctx, await api.restore(name, backup, store.version), o);
  });

  waitOptions(
    stores
      .command('rotate <name>')
      .description('renew a credential of the store')
      .addOption(new Option('--what <kind>', 'what to renew').choices(rotationKinds).makeOptionMandatory()),
  ).action(
    async (name: string, o: { what: (typeof rotationKinds)[number]; wait?: boolean; timeout: number }) => {
      const api = await ctx.api();
      const store = await api.getStore(name);
      await afterWrite(ctx, await api.rotate(name, o.what, store.version), o);
    },
  );

  waitOptions(
    stores.command('repair <name>').description('install a drifted store again (removes nothing)'),
  ).action(async (name: string, o: { wait?: boolean; timeout: number }) => {
    await afterWrite(ctx, await (await ctx.api()).repair(name), o);
  });

  stores
    .command('cancel <name>')
    .description('stop the running create, retry or update (a create cleans up, an update rolls back)')
    .action(async (name: string) => {
      const store = await (await ctx.api()).cancel(name);
      print(ctx.output, store, (s) => `${s.name}: cancel requested`);
    });
}
