import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createDatabase, freePort, resolveTools, waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, inject } from 'vitest';

import { randomBytes } from 'node:crypto';

import { apiClient } from './api-client.js';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A store values file (for STORE_VALUES_FILES) that makes every hook Job pod of the stores fail: a kwok stage of the
 * test cluster fails pods with this annotation. `backoffLimit` sets how many times each Job tries.
 */
export async function failingJobsValues(name: string, backoffLimit?: number): Promise<string> {
  const file = path.join(os.tmpdir(), `${name}-${process.pid}.yaml`);
  const limit = backoffLimit === undefined ? '' : `  backoffLimit: ${backoffLimit}\n`;
  await writeFile(file, `jobs:\n${limit}  podAnnotations:\n    store-platform.io/simulate: failure\n`);
  return file;
}

/**
 * A store values file (for STORE_VALUES_FILES) whose database pod asks for more CPU (9) than any node of the test
 * cluster has (8): the real scheduler leaves it Pending with "0/3 nodes are available: 3 Insufficient cpu", as a
 * too-small real cluster would. The basic plan's quota and LimitRange are raised to admit it.
 */
export async function unschedulableDatabaseValues(name: string): Promise<string> {
  const file = path.join(os.tmpdir(), `${name}-${process.pid}.yaml`);
  await writeFile(
    file,
    [
      'plans:',
      '  basic:',
      '    resources:',
      "      database: { requests: { cpu: '9' }, limits: { cpu: '9' } }",
      "    quota: { requests.cpu: '12', limits.cpu: '20' }",
      "    limitRange: { max: { cpu: '9' } }",
      '',
    ].join('\n'),
  );
  return file;
}

/** A fresh database on the run's PostgreSQL server, so each test file starts from an empty platform. */
export { createDatabase };

/** A running provisioner process (API and worker in one, as `make up` runs it). */
export interface ProvisionerProcess {
  url: string;
  /** The first admin's password (set through PLATFORM_ADMIN_PASSWORD). */
  adminPassword: string;
  /** A client signed in as the first admin with a bearer token, as a script would be. */
  api: ReturnType<typeof apiClient>;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

/**
 * Who the provisioner runs as: the store-platform chart's ServiceAccount (`service-account`, the default), or the
 * run's cluster admin with no store role to bind (`admin`), as `make up` runs it in its simulated and host modes.
 */
export type ProvisionerRights = 'service-account' | 'admin';

/**
 * Starts `src/main.ts` with the real settings a deployment would give it, and waits until it is ready. By default
 * it acts as the store-platform chart's provisioner ServiceAccount (test/cluster/src/provisioner-identity.ts), Helm
 * included, so every test also checks that those rights are enough. Either way it is the run's install
 * (PLATFORM_INSTANCE of that ServiceAccount's release), so the chart's admission policies cover its stores.
 */
export async function startProvisioner(
  env: Record<string, string>,
  rights: ProvisionerRights = 'service-account',
): Promise<ProvisionerProcess> {
  const tools = await resolveTools();
  // A PORT given is kept: a restart on the same address and database (restartProvisioner).
  const port = env.PORT === undefined ? await freePort() : Number(env.PORT);
  const adminPassword = randomBytes(18).toString('base64url');
  const identity = inject('provisionerIdentity');
  let output = '';
  // setpriv --pdeathsig: the provisioner dies with the test runner, even if a timed-out test never stops it.
  const child = spawn(
    'setpriv',
    ['--pdeathsig', 'KILL', '--', process.execPath, '--import', 'tsx', 'src/main.ts'],
    {
      cwd: appDir,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        HELM_BINARY: tools.helm,
        STOREFRONT_CHECK: 'false',
        LOG_LEVEL: 'info',
        PLATFORM_ADMIN_PASSWORD: adminPassword,
        PLATFORM_INSTANCE: identity.instance,
        STORE_CLUSTER_ROLE: rights === 'admin' ? '' : identity.storeClusterRole,
        ...env,
        // The identity asked for, whatever the test's own environment says.
        KUBECONFIG: rights === 'admin' ? inject('kubeconfig') : identity.kubeconfig,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  // A process that exits while starting fails the start at once, with what it printed (its reason).
  const exitedEarly = once(child, 'close').then(([code]) => {
    throw new Error(`provisioner exited with code ${String(code)}:\n${output}`);
  });
  const ready = waitFor(
    'the provisioner to be ready',
    async () => {
      const response = await fetch(`${url}/health/ready`).catch(() => undefined);
      return response?.ok ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  // Once started, a later exit (a stop, or a crash a test causes) is no failure of the start.
  void exitedEarly.catch(() => undefined);
  await Promise.race([ready, exitedEarly]);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  // A worker alone serves no API to sign in to.
  const token =
    env.ROLE === 'worker'
      ? undefined
      : await apiClient(url).tokenFor('admin', env.PLATFORM_ADMIN_PASSWORD ?? adminPassword);
  return {
    url,
    adminPassword: env.PLATFORM_ADMIN_PASSWORD ?? adminPassword,
    api: apiClient(url, token),
    child,
    output: () => output,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}

/**
 * Starts a provisioner stopped by `stop()` or `kill()` again, with the same settings `env` (which must hold its
 * DATABASE_URL), on the same port and with the same first admin: to a browser it is the same server, back.
 */
export async function restartProvisioner(
  stopped: ProvisionerProcess,
  env: Record<string, string>,
  rights: ProvisionerRights = 'service-account',
): Promise<ProvisionerProcess> {
  const port = new URL(stopped.url).port;
  return startProvisioner({ ...env, PORT: port, PLATFORM_ADMIN_PASSWORD: stopped.adminPassword }, rights);
}

/**
 * One provisioner for a test file (or describe block): started before its tests with a database of its own
 * (`database`), the settings `env` and the `rights` it runs with, stopped after them. Returns a getter, as the
 * process exists only once beforeAll ran.
 */
export function useProvisioner(
  database: string,
  env: Record<string, string> = {},
  rights: ProvisionerRights = 'service-account',
): () => ProvisionerProcess {
  let provisioner: ProvisionerProcess | undefined;
  beforeAll(async () => {
    const databaseUrl = await createDatabase(inject('databaseUrl'), database);
    provisioner = await startProvisioner({ DATABASE_URL: databaseUrl, ...env }, rights);
  });
  afterAll(async () => {
    await provisioner?.stop();
  });
  return () => {
    if (!provisioner) throw new Error('the provisioner has not started (beforeAll failed)');
    return provisioner;
  };
}

/**
 * The steps of a create that succeeded on the local control plane, with their statuses: every step done but the
 * storefront check, which is off there (no container serves HTTP).
 */
export const createdOnSimulatedCluster = [
  ['preflight', 'done'],
  ['namespace', 'done'],
  ['secrets', 'done'],
  ['install', 'done'],
  ['setup', 'done'],
  ['storefront', 'skipped'],
];
