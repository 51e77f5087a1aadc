import { Command, CommanderError, Option } from 'commander';

import { accountCommands } from './commands/account.js';
import { dayTwoCommands } from './commands/day2.js';
import { infoCommands } from './commands/info.js';
import { mcpCommand } from './commands/mcp.js';
import { storeCommands } from './commands/stores.js';
import { makeContext, type GlobalOptions } from './context.js';
import { CliError, exitCodes } from './exit-codes.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/**
 * storectl's commands, as a table of contents: login/logout, stores (list, get, create, delete, retry, wait and the
 * day-2 verbs), activity, engines, mcp. Runs `argv` and resolves with the exit code (exit-codes.ts).
 */
export async function run(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const program = new Command('storectl')
    .description('The Store Provisioning Platform from the command line')
    .option('--server <url>', 'the platform (default: $STORECTL_SERVER, or the one of storectl login)')
    .option('--token <token>', 'an API token (default: $STORECTL_TOKEN, or the one of storectl login)')
    .addOption(
      new Option('-o, --output <format>', 'table for people, json for scripts')
        .choices(['table', 'json'])
        .default('table'),
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const ctx = makeContext(() => program.opts<GlobalOptions>(), env, io);
  for (const command of accountCommands(ctx, io.stdin)) program.addCommand(command);
  const stores = storeCommands(ctx);
  dayTwoCommands(ctx, stores);
  program.addCommand(stores);
  for (const command of infoCommands(ctx)) program.addCommand(command);
  program.addCommand(mcpCommand(ctx));
  // Every subcommand reports usage errors the same way (exit 2), not by exiting itself.
  for (const command of [...program.commands, ...stores.commands]) {
    command
      .exitOverride()
      .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCodes.done;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0; a usage error has printed its own message.
      return error.exitCode === 0 ? exitCodes.done : exitCodes.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`storectl: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`storectl: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.failed;
  }
}
