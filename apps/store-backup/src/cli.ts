#!/usr/bin/env node
// store-backup: the CLI the provisioner's Jobs run (images/store-backup). `store-backup <command>`, configured by
// environment only; exit 0 done, 1 failed, 2 usage or configuration, 3 backup refused by its checksum.
import { backup } from './backup.js';
import { backupEnvSchema, readEnv, restoreEnvSchema, rotateEnvSchema } from './config.js';
import { exitCodes, ToolError, usageError } from './errors.js';
import { restore } from './restore.js';
import { rotateDbUser } from './rotate-db-user.js';

const usage =
  'usage: store-backup backup | restore | rotate-db-user create|drop (settings from the environment)';
const log = (message: string) => process.stderr.write(`[store-backup] ${message}\n`);
/** The one line a caller parses: what was done, as JSON on stdout. */
const summary = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);

async function main(argv: string[]): Promise<void> {
  const [command, action] = argv;
  switch (command) {
    case 'backup': {
      const started = Date.now();
      const manifest = await backup(readEnv(backupEnvSchema, process.env), log);
      summary({ command, ...manifest, seconds: (Date.now() - started) / 1000 });
      return;
    }
    case 'restore': {
      const started = Date.now();
      const result = await restore(readEnv(restoreEnvSchema, process.env), log);
      summary({
        command,
        backupId: result.manifest.backupId,
        store: result.manifest.store,
        archive: result.manifest.archive,
        uploads: result.uploads,
        siteUrl: result.siteUrl ?? null,
        seconds: (Date.now() - started) / 1000,
      });
      return;
    }
    case 'rotate-db-user': {
      const user = await rotateDbUser(action, readEnv(rotateEnvSchema, process.env));
      summary({ command, action, user });
      return;
    }
    default:
      throw usageError(usage);
  }
}

// Node exits with process.exitCode when nothing is left to wait for; a stream that neither ends nor fails (a server
// that drops a response silently) must not look like success.
process.exitCode = exitCodes.failed;
process.once('beforeExit', () => {
  process.stderr.write(
    `store-backup ${process.argv[2]} failed: it stopped before finishing (a stream was left open)\n`,
  );
});

main(process.argv.slice(2)).then(
  () => process.exit(exitCodes.done),
  (error: unknown) => {
    if (error instanceof ToolError) {
      process.stderr.write(`store-backup: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(
      `store-backup ${process.argv[2]} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(exitCodes.failed);
  },
);
