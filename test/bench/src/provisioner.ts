import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { freePort, waitFor } from '@store-platform/test-cluster';

import { tsxEntry, type ProvisionerEntry } from './build.js';

/** One provisioner process of a bench platform (ROLE api, worker or all), as a Deployment's pod would run it. */
export interface ProvisionerChild {
  name: string;
  role: 'api' | 'worker' | 'all';
  /** http://127.0.0.1:{port}: the probes and /metrics, and /api/v1 for the api and all roles. */
  url: string;
  logFile: string;
  child: ChildProcess;
  /** Resident memory now, in bytes (VmRSS); undefined once the process has exited. */
  rss(): Promise<number | undefined>;
  /** SIGTERM and wait for the exit (running operations get the provisioner's 30 s grace). */
  stop(): Promise<void>;
  /** SIGKILL, as an OOM kill or a lost node would end it. */
  kill(): Promise<void>;
}

/** VmRSS of a process from /proc, in bytes. */
export async function rssOf(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kib = status?.match(/^VmRSS:\s+(\d+) kB/m)?.[1];
  return kib === undefined ? undefined : Number(kib) * 1024;
}

/**
 * Starts the provisioner (`entry`: the compiled build, or src/main.ts through tsx) with `env` (DATABASE_URL, KUBECONFIG and the rest of its settings) and waits until its
 * readiness probe answers. Its output goes to `{logDir}/{name}.log`. A process that exits while starting fails
 * the start with the end of its log.
 */
export async function startProvisionerChild(
  name: string,
  role: ProvisionerChild['role'],
  env: Record<string, string>,
  logDir: string,
  entry: ProvisionerEntry = tsxEntry,
): Promise<ProvisionerChild> {
  const port = env.PORT ?? String(await freePort());
  const logFile = path.join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  // setpriv --pdeathsig: the process dies with the bench, even if the bench is killed.
  const child = spawn('setpriv', ['--pdeathsig', 'KILL', '--', process.execPath, ...entry.args], {
    cwd: entry.cwd,
    env: { ...process.env, ...env, ROLE: role, PORT: port, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const exited = once(child, 'exit');
  const early = exited.then(async ([code, signal]) => {
    const text = await readFile(logFile, 'utf8').catch(() => '');
    throw new Error(`${name} exited (${String(code ?? signal)}) while starting:\n${text.slice(-3000)}`);
  });
  void early.catch(() => undefined);
  await Promise.race([
    waitFor(
      `${name} to be ready`,
      async () => ((await fetch(`${url}/health/ready`).catch(() => undefined))?.ok ? true : undefined),
      { timeoutMs: 90_000, intervalMs: 100 },
    ),
    early,
  ]);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return {
    name,
    role,
    url,
    logFile,
    child,
    rss: async () => (child.exitCode === null && child.pid ? rssOf(child.pid) : undefined),
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
