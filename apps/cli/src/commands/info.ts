import { activityMatches } from '@store-platform/contracts';
import { Command, Option } from 'commander';

import type { Context } from '../context.js';
import { print, table } from '../output.js';

/** `storectl activity` and `storectl engines`. */
export function infoCommands(ctx: Context): Command[] {
  const activity = new Command('activity')
    .description('who did what to which store, newest first')
    .option('--store <name>')
    .option('--actor <user>')
    .option('--action <action>', 'create, delete, update...')
    .addOption(new Option('--match <how>', 'how --store and --actor match').choices(activityMatches))
    .option('--page <n>', 'page', Number, 1)
    .option('--page-size <n>', 'entries per page (up to 200)', Number, 50)
    .action(
      async (o: {
        store?: string;
        actor?: string;
        action?: string;
        match?: (typeof activityMatches)[number];
        page: number;
        pageSize: number;
      }) => {
        const page = await (await ctx.api()).activity(o);
        print(ctx.output, page, (p) =>
          [
            table(
              ['at', 'actor', 'action', 'store', 'result', 'detail'],
              p.items.map((e) => [e.at, e.actor, e.action, e.store, e.result, e.detail]),
            ),
            `page ${p.page} of ${Math.max(1, Math.ceil(p.total / p.pageSize))} (${p.total} entries)`,
          ].join('\n'),
        );
      },
    );
  const engines = new Command('engines')
    .description('what stores can run, and the versions allowed')
    .action(async () => {
      const list = await (await ctx.api()).engines();
      print(
        ctx.output,
        list,
        (l) =>
          table(
            ['engine', 'availability', 'versions', 'description'],
            l.items.map((e) => [
              e.id,
              e.availability.replace('_', ' '),
              e.versions.join(', ') || '-',
              e.description,
            ]),
          ) + `\nStores are served at https://{name}.${l.baseDomain}`,
      );
    });
  return [activity, engines];
}
