import { hostname } from 'node:os';

import { Command } from 'commander';

import { apiClient } from '../client.js';
import { forgetLogin, writeLogin } from '../config.js';
import type { Context } from '../context.js';
import { CliError, exitCodes } from '../exit-codes.js';

/** Reads all of stdin (for --password-stdin), without its final newline. */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

/**
 * `storectl login`: signs in once with a password and keeps an API token made for this machine (named
 * `storectl@{host}`, revocable in the dashboard), or keeps a token given with --token; `logout` forgets it.
 */
export function accountCommands(ctx: Context, stdin: NodeJS.ReadableStream): Command[] {
  const login = new Command('login')
    .description('sign in (with --server URL) and keep an API token in ~/.config/storectl (0600)')
    .option(
      '-u, --username <name>',
      'sign in as this user (asks for nothing else: pipe the password with --password-stdin)',
    )
    .option('--password-stdin', 'read the password from stdin')
    .option('--token <token>', 'keep this API token instead of signing in')
    .action(async (o: { username?: string; passwordStdin?: boolean; token?: string }) => {
      const server = ctx.server();
      if (!server)
        throw new CliError(
          'give the platform: storectl login --server https://platform.example.com ...',
          exitCodes.usage,
        );
      let token = o.token ?? ctx.env.STORECTL_TOKEN;
      let username = o.username ?? 'token';
      if (!token) {
        if (!o.username || !o.passwordStdin)
          throw new CliError('give --username and --password-stdin, or --token', exitCodes.usage);
        const password = await readStdin(stdin);
        const anonymous = apiClient(server);
        const session = await anonymous.signIn(o.username, password);
        token = (await anonymous.createToken(session, `storectl@${hostname()}`.slice(0, 60))).token;
      }
      // The token must work before it is kept.
      const me = await fetchMe(server, token);
      username = me ?? username;
      const file = await writeLogin({ server, token, username }, ctx.env);
      ctx.output.err(`Signed in to ${server} as ${username}; token kept in ${file}`);
    });
  const logout = new Command('logout').description('forget the kept token').action(async () => {
    await forgetLogin(ctx.env);
    ctx.output.err('Signed out (the token stays valid until it expires or is revoked in the dashboard).');
  });
  return [login, logout];
}

async function fetchMe(server: string, token: string): Promise<string | undefined> {
  const url = new URL('api/v1/auth/me', server.endsWith('/') ? server : `${server}/`);
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } }).catch(
    (error: unknown) => {
      throw new CliError(`cannot reach ${server}: ${String((error as { cause?: unknown }).cause ?? error)}`);
    },
  );
  if (response.status === 401) throw new CliError('the token was refused (expired or revoked?)');
  if (!response.ok) throw new CliError(`GET /auth/me answered ${response.status}`);
  return ((await response.json()) as { username?: string }).username;
}
