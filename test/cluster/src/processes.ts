import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One running component: its name, process and log file. */
export interface Component {
  name: string;
  child: ChildProcess;
  logFile: string;
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
    const logFile = path.join(this.logDir, `${name}.log`);
    const log = await open(logFile, 'a');
    const asUser = options.user
      ? [`--reuid=${options.user}`, `--regid=${options.user}`, '--init-groups']
      : [];
    const child = spawn('setpriv', [...asUser, '--pdeathsig', 'KILL', '--', binary, ...args], {
      stdio: ['ignore', log.fd, log.fd],
      detached: true,
    });
    await log.close();
    const component = { name, child, logFile };
    this.components.push(component);
    child.on('exit', (code, signal) => {
      if (!this.stopping) {
        process.stderr.write(
          `[cluster] ${name} exited unexpectedly (code ${code}, signal ${signal}); log: ${logFile}\n`,
        );
      }
    });
    return component;
  }

  /** Throws with the component's log tail if it is no longer running. */
  async assertRunning(component: Component): Promise<void> {
    if (component.child.exitCode !== null || component.child.signalCode !== null) {
      throw new Error(
        `${component.name} exited (code ${component.child.exitCode}, signal ${component.child.signalCode})\n${await tail(component.logFile)}`,
      );
    }
  }

  /** The names and process ids of every component still running. */
  running(): { name: string; pid: number }[] {
    return this.components
      .filter((c) => c.child.exitCode === null && c.child.signalCode === null && c.child.pid !== undefined)
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
      await stopChild(component.child, graceMs);
    }
  }
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The last `lines` lines of a text file. */
export async function tail(file: string, lines = 40): Promise<string> {
  const text = await readFile(file, 'utf8').catch(
    (error: unknown) => `(cannot read ${file}: ${String(error)})`,
  );
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
