import { createInterface } from 'node:readline/promises';

import { apiClient, type ApiClient } from './client.js';
import { readLogin } from './config.js';
import { CliError, exitCodes } from './exit-codes.js';
import type { Output, OutputFormat } from './output.js';

/** What every command gets: the API (signed in), where to print, and how to ask before a destructive change. */
export interface Context {
  api(): Promise<ApiClient>;
  output: Output;
  env: NodeJS.ProcessEnv;
  /** --server, else $STORECTL_SERVER (not the kept login's: for `login` itself). */
  server(): string | undefined;
  /** Resolves when the person typed `expected`; with `yes` at once; refuses without a terminal to ask on. */
  confirm(question: string, expected: string, yes: boolean | undefined): Promise<void>;
}

export interface GlobalOptions {
  server?: string;
  token?: string;
  output: OutputFormat;
}

/** The server and token: flags, then $STORECTL_SERVER and $STORECTL_TOKEN, then what `storectl login` kept. */
export function makeContext(
  options: () => GlobalOptions,
  env: NodeJS.ProcessEnv,
  io: {
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
    stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  },
): Context {
  const output: Output = {
    get format() {
      return options().output;
    },
    out: (text) => void io.stdout.write(`${text}\n`),
    err: (text) => void io.stderr.write(`${text}\n`),
  };
  return {
    output,
    env,
    server: () => options().server ?? env.STORECTL_SERVER,
    async api() {
      const { server, token } = options();
      const stored = await readLogin(env);
      const url = server ?? env.STORECTL_SERVER ?? stored?.server;
      if (!url)
        throw new CliError('no server: run storectl login --server URL, or pass --server', exitCodes.usage);
      const bearer =
        token ?? env.STORECTL_TOKEN ?? (stored && stored.server === url ? stored.token : undefined);
      return apiClient(url, bearer);
    },
    async confirm(question, expected, yes) {
      if (yes) return;
      if (!io.stdin.isTTY)
        throw new CliError(`${question}: refusing without --yes (no terminal to ask on)`, exitCodes.usage);
      const prompt = createInterface({ input: io.stdin, output: io.stderr });
      try {
        const answer = await prompt.question(`${question}\nType ${expected} to confirm: `);
        if (answer.trim() !== expected)
          throw new CliError('not confirmed; nothing was changed', exitCodes.failed);
      } finally {
        prompt.close();
      }
    },
  };
}
