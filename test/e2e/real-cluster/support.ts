/**
 * What the real-cluster scenario needs around the browser: where things are, kubectl, timed steps, waiting.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * The first Chromium-family browser found: Debian's and other Linux packages, Google Chrome on Linux (GitHub's
 * runners) and macOS. playwright-core drives an installed browser and never downloads one.
 */
export function chromiumPath(): string {
  if (process.env.PLAYWRIGHT_CHROMIUM) return process.env.PLAYWRIGHT_CHROMIUM;
  const candidates = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(
      `no Chromium or Google Chrome found (looked at ${candidates.join(', ')}); set PLAYWRIGHT_CHROMIUM=/path/to/it`,
    );
  return found;
}

const baseDomain = process.env.E2E_BASE_DOMAIN ?? '127.0.0.1.nip.io';

/** Settings, from the environment with the defaults of `make up` on kind. */
export const settings = {
  baseDomain,
  /** Default: https://dashboard.{baseDomain}. */
  dashboardUrl: process.env.E2E_DASHBOARD_URL,
  /** Default: read from the platform's Secret {release}-admin. */
  adminPassword: process.env.E2E_ADMIN_PASSWORD,
  platformNamespace: process.env.E2E_PLATFORM_NAMESPACE ?? 'store-platform',
  platformRelease: process.env.E2E_PLATFORM_RELEASE ?? 'store-platform',
  // A new store each run: base-36 time keeps the name a short DNS label.
  store: process.env.E2E_STORE_NAME ?? `e2e-${Date.now().toString(36)}`,
  headless: process.env.E2E_HEADED !== 'true',
  kubeconfig: kubeconfig(),
  /** Where the run leaves its timings, screenshots and video (CI uploads the folder). */
  artifacts: path.resolve(process.env.E2E_ARTIFACTS ?? path.join(repoRoot, 'artifacts', 'e2e')),
  /** A video of the browser run; needs Playwright's ffmpeg (`npx playwright-core install ffmpeg`). */
  video: process.env.E2E_VIDEO === 'true',
};

/**
 * Chromium flags that send every `*.{baseDomain}` name to 127.0.0.1 when the domain is nip.io's loopback one:
 * home routers with DNS-rebind protection drop nip.io's 127.0.0.1 answers, and the run would fail on DNS
 * although the cluster is fine. Chromium's --host-resolver-rules answers those names itself.
 */
export function loopbackResolverArgs(domain: string): string[] {
  return domain.endsWith('127.0.0.1.nip.io') ? [`--host-resolver-rules=MAP *.${domain} 127.0.0.1`] : [];
}

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

const started = Date.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One timed step of the run, as written to timings.json. */
export interface StepTiming {
  step: string;
  seconds: number;
  ok: boolean;
}
const timings: StepTiming[] = [];

/** Writes the steps' times so far to {artifacts}/timings.json (CI uploads it; read it to compare runs). */
export function writeTimings(): string {
  mkdirSync(settings.artifacts, { recursive: true });
  const file = path.join(settings.artifacts, 'timings.json');
  const total = (Date.now() - started) / 1000;
  writeFileSync(
    file,
    `${JSON.stringify({ store: settings.store, totalSeconds: total, steps: timings }, null, 2)}\n`,
  );
  return file;
}

/**
 * Runs one step and prints how long it took (and the time since the start); `after` runs when it ends either way
 * (a screenshot of the page the step left).
 */
export async function step<T>(
  name: string,
  action: () => Promise<T>,
  after?: (name: string, ok: boolean) => Promise<void>,
): Promise<T> {
  const begin = Date.now();
  console.log(`[e2e] ${name}...`);
  const finish = async (ok: boolean) => {
    timings.push({ step: name, seconds: (Date.now() - begin) / 1000, ok });
    await after?.(name, ok).catch((error: unknown) =>
      console.error(`[e2e] ${name}: no screenshot (${String(error)})`),
    );
  };
  try {
    const result = await action();
    await finish(true);
    console.log(
      `[e2e] ${name}: done in ${seconds(Date.now() - begin)} (${seconds(Date.now() - started)} in all)`,
    );
    return result;
  } catch (error) {
    await finish(false);
    console.error(`[e2e] ${name}: FAILED after ${seconds(Date.now() - begin)}`);
    throw error;
  }
}
