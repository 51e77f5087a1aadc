import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What `storectl login` keeps: the server and an API token made for this machine. */
export interface StoredLogin {
  server: string;
  token: string;
  username: string;
}

/** $STORECTL_CONFIG_DIR, else $XDG_CONFIG_HOME/storectl, else ~/.config/storectl (as gh and kubectl do on macOS too). */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.STORECTL_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'storectl');
}

const configFile = (env: NodeJS.ProcessEnv) => join(configDir(env), 'config.json');

export async function readLogin(env: NodeJS.ProcessEnv = process.env): Promise<StoredLogin | undefined> {
  const text = await readFile(configFile(env), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return text === undefined ? undefined : (JSON.parse(text) as StoredLogin);
}

/** Writes the login readable by its owner only (0600, in a 0700 folder): the token is a credential. */
export async function writeLogin(login: StoredLogin, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const file = configFile(env);
  await mkdir(configDir(env), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies to a new file only; an older file keeps its own until told.
  await chmod(file, 0o600);
  return file;
}

export async function forgetLogin(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await rm(configFile(env), { force: true });
}
