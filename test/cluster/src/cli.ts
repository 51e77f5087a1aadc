#!/usr/bin/env -S npx tsx
/**
 * Shell entry of the local control plane.
 *   up     run in the foreground until Ctrl-C (or SIGTERM), then stop everything
 *   start  run `up` detached, wait until it is ready, print `export KUBECONFIG=...`
 *   stop   stop the cluster that `start` left running
 *   platform  PostgreSQL, the cluster and the provisioner in the foreground until Ctrl-C (`make up`)
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startLocalCluster } from './local-cluster.js';
import { runPlatform } from './platform.js';
import { describeExit, watch } from './processes.js';
import { isAlive } from './stale-runs.js';
import { repoRoot } from './tools.js';
import { waitFor } from './wait.js';

interface State {
  pid: number;
  dir: string;
  kubeconfig: string;
  server: string;
}

const stateDir = path.join(repoRoot, '.cluster');
const stateFile = path.join(stateDir, 'state.json');
const supervisorLog = path.join(stateDir, 'supervisor.log');
const say = (message: string) => console.log(`[cluster] ${message}`);

async function readState(): Promise<State | undefined> {
  if (!existsSync(stateFile)) return undefined;
  return JSON.parse(await readFile(stateFile, 'utf8')) as State;
}

async function up(): Promise<void> {
  const cluster = await startLocalCluster({ log: say });
  await mkdir(stateDir, { recursive: true });
  const state: State = {
    pid: process.pid,
    dir: cluster.dir,
    kubeconfig: cluster.kubeconfig,
    server: cluster.server,
  };
  await writeFile(stateFile, JSON.stringify(state, null, 2));
  say(
    `ready in ${cluster.startSeconds.toFixed(1)} s; workloads are simulated by kwok (no container really runs)`,
  );
  console.log(`export KUBECONFIG=${cluster.kubeconfig}`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping every component`);
    await cluster.stop();
    await rm(stateFile, { force: true });
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function start(): Promise<void> {
  const existing = await readState();
  if (existing && isAlive(existing.pid)) {
    say(`already running (pid ${existing.pid})`);
    console.log(`export KUBECONFIG=${existing.kubeconfig}`);
    return;
  }
  await mkdir(stateDir, { recursive: true });
  await rm(stateFile, { force: true });
  const logFd = openSync(supervisorLog, 'w');
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...process.execArgv, script, 'up'], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  // Watched from the start: a process killed by a signal keeps exitCode null, and would look alive.
  const watched = watch(child);
  child.unref();
  say(`starting in the background (pid ${child.pid}, log ${supervisorLog})`);
  // A cluster process that ends while starting fails the start at once, with its log (its reason); waitFor
  // would only retry a check that throws.
  const exitedEarly = watched.exit.then(async (exit) => {
    throw new Error(`the cluster process ${describeExit(exit)}:\n${await readFile(supervisorLog, 'utf8')}`);
  });
  // Once it is ready, a later exit is no failure of the start.
  exitedEarly.catch(() => undefined);
  const ready = waitFor(
    'the control plane to be ready',
    async () => {
      const current = await readState();
      return current?.pid === child.pid ? current : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  const state = await Promise.race([ready, exitedEarly]).catch(async (error: unknown) => {
    if (child.pid !== undefined && isAlive(child.pid)) process.kill(child.pid, 'SIGTERM');
    throw error;
  });
  const log = await readFile(supervisorLog, 'utf8');
  const readyLine = log.split('\n').find((line) => line.includes('ready in'));
  if (readyLine) console.log(readyLine);
  console.log(`export KUBECONFIG=${state.kubeconfig}`);
}

async function stop(): Promise<void> {
  const state = await readState();
  if (!state || !isAlive(state.pid)) {
    say('no cluster is running');
    await rm(stateFile, { force: true });
    return;
  }
  process.kill(state.pid, 'SIGTERM');
  await waitFor('the cluster process to exit', async () => (isAlive(state.pid) ? undefined : true), {
    timeoutMs: 60_000,
  });
  await rm(stateFile, { force: true });
  say(`stopped (pid ${state.pid})`);
}

const commands: Record<string, () => Promise<void>> = { up, start, stop, platform: runPlatform };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error(`usage: cli.ts ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
command().catch((error: unknown) => {
  console.error(`[cluster] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
