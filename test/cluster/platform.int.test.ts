/**
 * `make up` in its simulated mode: PostgreSQL, the local control plane (etcd, kube-apiserver, controllers, kwok) and
 * the provisioner, run as a terminal runs it, in a process group of its own, until the provisioner dies or the
 * user presses Ctrl-C. It starts the command scripts/up.sh ends with (`node --import tsx test/cluster/src/cli.ts
 * platform` with STORE_PLATFORM_LOCAL_CLUSTER=true) rather than `make up` itself: what make up does before it (npm ci, make
 * tools and a production build of the dashboard, a minute of vite on two cores) changes nothing of this.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { processTree, stillRunning, type ProcessInfo } from './process-tree.js';
import { freePort } from './src/net.js';
import { repoRoot } from './src/tools.js';
import { waitFor } from './src/wait.js';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `make up`: its output so far, and its exit once the 'exit' event fired. */
interface Platform {
  child: ChildProcess & { pid: number };
  output: () => string;
  /** Resolves with the exit, or rejects after `ms` naming what was awaited and the output so far. */
  exitWithin: (ms: number) => Promise<Exit>;
  /** Every process it started (the provisioner, etcd, kube-apiserver, PostgreSQL and the rest) and itself. */
  processes: ProcessInfo[];
  provisioner: ProcessInfo;
}

const running: Platform[] = [];

async function startPlatform(): Promise<Platform> {
  const port = await freePort();
  let output = '';
  let exit: Exit | undefined;
  const child = spawn('node', ['--import', 'tsx', 'test/cluster/src/cli.ts', 'platform'], {
    cwd: repoRoot,
    env: { ...process.env, STORE_PLATFORM_LOCAL_CLUSTER: 'true', PORT: String(port) },
    // Its own process group, as a shell's foreground job: a Ctrl-C in the terminal reaches every process in it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('node did not start');
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => (exit = { code, signal } as Exit));
  const tail = () => output.trimEnd().split('\n').slice(-30).join('\n');
  const exitWithin = (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`make up had not exited ${ms / 1000} s later; its output ends:\n${tail()}`)),
        ms,
      );
    });
    return Promise.race([exited, late]).finally(() => clearTimeout(timer));
  };
  const partial = { child: child as ChildProcess & { pid: number }, output: () => output, exitWithin };
  running.push({ ...partial, processes: [], provisioner: undefined as unknown as ProcessInfo });

  await waitFor(
    `make up to serve http://127.0.0.1:${port}/health/ready`,
    async () => {
      if (exit) throw new Error(`make up exited (${JSON.stringify(exit)}) while starting:\n${tail()}`);
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
      return response?.ok ? true : undefined;
    },
    { timeoutMs: 150_000, intervalMs: 250 },
  );
  const processes = processTree(child.pid);
  const provisioner = processes.find((p) => / src\/main\.ts$/.test(p.command));
  if (!provisioner) throw new Error(`no provisioner among: ${listProcesses(processes)}`);
  const platform = { ...partial, processes, provisioner };
  running[running.length - 1] = platform;
  return platform;
}

/** The program names of `processes`, for messages: `etcd (pid 12), postgres (pid 34)`. */
function listProcesses(processes: ProcessInfo[]): string {
  return processes.map((p) => `${path.basename(p.command.split(' ')[0] ?? '')} (pid ${p.pid})`).join(', ');
}

const names = (processes: ProcessInfo[]) =>
  new Set(processes.map((p) => path.basename(p.command.split(' ')[0] ?? '')));

/** Ctrl-C in the terminal: SIGINT to every process of the foreground group. */
const ctrlC = (platform: Platform) => process.kill(-platform.child.pid, 'SIGINT');

/** Waits until none of the processes `make up` started runs any more, naming those that still do. */
async function everythingGone(platform: Platform): Promise<void> {
  await waitFor(
    'every process make up started to end',
    async () => {
      const left = stillRunning(platform.processes);
      if (left.length > 0) throw new Error(`still running: ${listProcesses(left)}`);
      return true;
    },
    { timeoutMs: 10_000 },
  );
}

afterEach(async () => {
  // A failed test leaves its platform running: end it (the kernel then ends every component: they were started
  // with a parent-death signal).
  for (const platform of running.splice(0)) {
    if (platform.child.exitCode === null && platform.child.signalCode === null) {
      process.kill(-platform.child.pid, 'SIGKILL');
      await platform.exitWithin(10_000);
    }
  }
});

describe('make up (simulated mode)', () => {
  it('says the provisioner was killed by SIGKILL, stops everything and exits 1', async () => {
    const platform = await startPlatform();
    expect([...names(platform.processes)]).toEqual(
      expect.arrayContaining(['etcd', 'kube-apiserver', 'kube-controller-manager', 'postgres', 'kwok']),
    );

    const killed = Date.now();
    process.kill(platform.provisioner.pid, 'SIGKILL');
    const exit = await platform.exitWithin(60_000);
    console.log(`make up ended ${JSON.stringify(exit)} ${(Date.now() - killed) / 1000} s after the SIGKILL`);

    expect(platform.output()).toMatch(/the provisioner was killed by signal SIGKILL/);
    expect(exit).toEqual({ code: 1, signal: null });
    await everythingGone(platform);
  });

  it('stops everything on Ctrl-C and exits 0', async () => {
    const platform = await startPlatform();

    ctrlC(platform);
    const exit = await platform.exitWithin(60_000);

    expect(platform.output()).toMatch(/Ctrl-C: stopping the provisioner/);
    expect(platform.output()).toMatch(/\[up\] stopped/);
    expect(exit).toEqual({ code: 0, signal: null });
    await everythingGone(platform);
  });

  it('ends at once when Ctrl-C comes again while it stops', async () => {
    const platform = await startPlatform();
    // A provisioner that does not end on SIGTERM keeps the first stop waiting for it.
    process.kill(platform.provisioner.pid, 'SIGSTOP');

    ctrlC(platform);
    await waitFor('make up to start stopping', async () =>
      /Ctrl-C: stopping/.test(platform.output()) ? true : undefined,
    );
    ctrlC(platform);
    const exit = await platform.exitWithin(10_000);

    expect(platform.output()).toMatch(/Ctrl-C again: ending at once/);
    expect(exit).toEqual({ code: 130, signal: null });
    await everythingGone(platform);
  });
});
