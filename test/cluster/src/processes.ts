import { spawn, type ChildProcess } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** How a child process ended: its exit code, or the signal that killed it (the other is null). */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it never ran, when its spawn failed. */
  error?: string;
}

/** A child process watched from its start: whether it has ended, and a promise of how. */
export interface Watched {
  /** How it ended, once its 'exit' event fired (or its spawn failed); undefined while it runs. */
  ended(): Exit | undefined;
  /** Resolves when it ends. */
  exit: Promise<Exit>;
}

/**
 * Watches `child`, which must have just been spawned. The 'exit' event is what says it has ended: `exitCode`
 * stays null after a death by a signal (only `signalCode` is set), and `once(child, 'exit')` taken after the
 * event never resolves. A spawn that fails (no such binary) emits 'error' and never 'exit'.
 */
export function watch(child: ChildProcess): Watched {
  let ended: Exit | undefined;
  const exit = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve((ended = { code, signal })));
    child.on('error', (error) => {
      if (child.pid === undefined) resolve((ended = { code: null, signal: null, error: error.message }));
    });
  });
  return { ended: () => ended, exit };
}

/** How a process ended, in plain words: `exited with code 1`, `was killed by signal SIGKILL`. */
export function describeExit({ code, signal, error }: Exit): string {
  if (signal !== null) return `was killed by signal ${signal}`;
  return code === null ? `could not be started (${error ?? 'no reason given'})` : `exited with code ${code}`;
}

/**
 * Ends a watched process: `signal` (SIGTERM by default), then SIGKILL if it is still running `graceMs` later;
 * resolves once it has ended (at once if it already had).
 */
export async function stopProcess(
  child: ChildProcess,
  watched: Watched,
  graceMs: number,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (watched.ended()) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await watched.exit;
  clearTimeout(timer);
}

/** How a component is started: what `restart` runs again. */
interface Launch {
  binary: string;
  args: string[];
  options: { user?: string };
}

/** One running component: its name, process, how it ends and its log file. */
export interface Component {
  name: string;
  child: ChildProcess;
  watched: Watched;
  logFile: string;
  launch: Launch;
}

/**
 * Starts the control-plane processes and stops them all together.
 *
 * Every process is started through `setpriv --pdeathsig KILL`, so the kernel kills it if the Node process that
 * started it dies without cleaning up (SIGKILL, a crash): nothing of the harness can outlive it.
 * See prctl(2), PR_SET_PDEATHSIG. Each runs in its own process group, so a Ctrl-C in the terminal reaches only
 * the harness, which then stops the components in order (etcd last, after the API server).
 */
export class ProcessGroup {
  private readonly components: Component[] = [];
  /** Components whose end is asked for (a restart): their exit is not reported as unexpected. */
  private readonly ending = new Set<Component>();
  private stopping = false;

  constructor(private readonly logDir: string) {}

  /**
   * Starts `binary` with `args`, its stdout and stderr appended to `<logDir>/<name>.log`; as `user` (a system
   * account name) when given, for servers such as PostgreSQL that refuse to run as root.
   */
  async start(
    name: string,
    binary: string,
    args: string[],
    options: { user?: string } = {},
  ): Promise<Component> {
    const component = await this.spawn(name, { binary, args, options });
    this.components.push(component);
    return component;
  }

  /**
   * Ends `component` with `signal` (SIGKILL after `graceMs` if it is still running), then starts it again with
   * the same binary, arguments and log file, `downMs` later (an outage of that length). The new process takes the old one's place in the stop order, so
   * `stop` still ends everything, in the same order. Waiting until it serves again is the caller's business.
   */
  async restart(
    component: Component,
    {
      signal = 'SIGTERM',
      graceMs = 5000,
      downMs = 0,
    }: { signal?: NodeJS.Signals; graceMs?: number; downMs?: number } = {},
  ): Promise<Component> {
    const index = this.components.indexOf(component);
    if (index < 0) throw new Error(`${component.name} is not a component of this group`);
    if (this.stopping) throw new Error(`cannot restart ${component.name}: the group is stopping`);
    this.ending.add(component);
    await stopProcess(component.child, component.watched, graceMs, signal);
    if (downMs > 0) await delay(downMs);
    const next = await this.spawn(component.name, component.launch);
    this.components[index] = next;
    // A stop that began meanwhile took its list before the new process was in it: end it here.
    if (this.stopping) await stopProcess(next.child, next.watched, graceMs);
    return next;
  }

  private async spawn(name: string, launch: Launch): Promise<Component> {
    const logFile = path.join(this.logDir, `${name}.log`);
    const log = await open(logFile, 'a');
    const asUser = launch.options.user
      ? [`--reuid=${launch.options.user}`, `--regid=${launch.options.user}`, '--init-groups']
      : [];
    const child = spawn('setpriv', [...asUser, '--pdeathsig', 'KILL', '--', launch.binary, ...launch.args], {
      stdio: ['ignore', log.fd, log.fd],
      detached: true,
    });
    await log.close();
    const component: Component = { name, child, watched: watch(child), logFile, launch };
    void component.watched.exit.then((exit) => {
      if (!this.stopping && !this.ending.has(component)) {
        process.stderr.write(`[cluster] ${name} ${describeExit(exit)} unexpectedly; log: ${logFile}\n`);
      }
    });
    return component;
  }

  /** Throws with the component's log tail if it is no longer running. */
  async assertRunning(component: Component): Promise<void> {
    const exit = component.watched.ended();
    if (exit) {
      throw new Error(`${component.name} ${describeExit(exit)}\n${await tail(component.logFile)}`);
    }
  }

  /** The names and process ids of every component still running. */
  running(): { name: string; pid: number }[] {
    return this.components
      .filter((c) => !c.watched.ended() && c.child.pid !== undefined)
      .map((c) => ({ name: c.name, pid: c.child.pid as number }));
  }

  /** The last lines of every component's log, for a failed start. */
  async logs(lines = 40): Promise<string> {
    const parts = await Promise.all(
      this.components.map(async (c) => `--- ${c.name} (${c.logFile})\n${await tail(c.logFile, lines)}`),
    );
    return parts.join('\n');
  }

  /** Stops components in reverse start order: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    for (const component of [...this.components].reverse()) {
      await stopProcess(component.child, component.watched, graceMs);
    }
  }
}

/** The last `lines` lines of a text file. */
export async function tail(file: string, lines = 40): Promise<string> {
  const text = await readFile(file, 'utf8').catch(
    (error: unknown) => `(cannot read ${file}: ${String(error)})`,
  );
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
