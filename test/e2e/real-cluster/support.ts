/**
 * What the real-cluster scenario needs around the browser: where things are, kubectl, timed steps, waiting.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The kubeconfig of the cluster `make up` made: its kind cluster's own file, else the user's. */
function kubeconfig(): string | undefined {
  if (process.env.KUBECONFIG) return process.env.KUBECONFIG;
  const state = path.join(repoRoot, '.cluster', 'up.env');
  const kind = path.join(repoRoot, '.cluster', 'kind.kubeconfig');
  if (existsSync(state) && readFileSync(state, 'utf8').includes('mode=kind') && existsSync(kind)) return kind;
  return undefined;
}

/** Settings, from the environment with the defaults of `make up` on kind. */
export const settings = {
  baseDomain: process.env.E2E_BASE_DOMAIN ?? '127.0.0.1.nip.io',
  /** Default: https://dashboard.{baseDomain}. */
  dashboardUrl: process.env.E2E_DASHBOARD_URL,
  /** Default: read from the platform's Secret {release}-admin. */
  adminPassword: process.env.E2E_ADMIN_PASSWORD,
  platformNamespace: process.env.E2E_PLATFORM_NAMESPACE ?? 'store-platform',
  platformRelease: process.env.E2E_PLATFORM_RELEASE ?? 'store-platform',
  // A new store each run: base-36 time keeps the name a short DNS label.
  store: process.env.E2E_STORE_NAME ?? `e2e-${Date.now().toString(36)}`,
  chromium: process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
  headless: process.env.E2E_HEADED !== 'true',
  kubeconfig: kubeconfig(),
};

/** kubectl (the pinned one in .tools/bin first) against the cluster of `make up`; rejects with its message. */
export async function kubectl(args: string[]): Promise<string> {
  const env = {
    ...process.env,
    PATH: `${path.join(repoRoot, '.tools', 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    ...(settings.kubeconfig ? { KUBECONFIG: settings.kubeconfig } : {}),
  };
  try {
    return (await run('kubectl', args, { env })).stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`kubectl ${args.join(' ')}: ${stderr || String(error)}`, { cause: error });
  }
}

/** A Secret's key, decoded. */
export async function secretValue(namespace: string, name: string, key: string): Promise<string> {
  const encoded = await kubectl(['-n', namespace, 'get', 'secret', name, '-o', `jsonpath={.data.${key}}`]);
  if (!encoded) throw new Error(`Secret ${namespace}/${name} has no key ${key}`);
  return Buffer.from(encoded, 'base64').toString('utf8');
}

/** True when kubectl says the object does not exist. */
export async function gone(args: string[]): Promise<boolean> {
  return kubectl(['get', ...args, '-o', 'name']).then(
    () => false,
    (error: Error) => (error.message.includes('NotFound') ? true : Promise.reject(error)),
  );
}

/** Polls `check` until it is true, or fails after `timeoutMs` saying what it waited for. */
export async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

const started = Date.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs one step and prints how long it took (and the time since the start). */
export async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  const begin = Date.now();
  console.log(`[e2e] ${name}...`);
  try {
    const result = await action();
    console.log(
      `[e2e] ${name}: done in ${seconds(Date.now() - begin)} (${seconds(Date.now() - started)} in all)`,
    );
    return result;
  } catch (error) {
    console.error(`[e2e] ${name}: FAILED after ${seconds(Date.now() - begin)}`);
    throw error;
  }
}
