/**
 * The processes a command started, read from Linux's /proc (the simulated mode of `make up` runs only on Linux),
 * for tests that check nothing outlives it. A process is identified by its id and its start time, so that an id
 * the kernel hands to a new process later is not mistaken for the old one.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** One process: its id, parent, start time (clock ticks after boot) and command line. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  startTime: string;
  state: string;
  command: string;
}

/** The process with this id, or undefined once it is gone (a process that vanishes while being read is gone). */
function read(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name in parentheses may itself hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    // proc(5): state is field 3, ppid field 4, starttime field 22; `fields` starts at field 3.
    return { pid, ppid: Number(fields[1]), startTime: fields[19] ?? '', state: fields[0] ?? '', command };
  } catch {
    return undefined;
  }
}

/** `root` and every process below it (children, their children, ...), as they are now. */
export function processTree(root: number): ProcessInfo[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => read(Number(name)))
    .filter((info): info is ProcessInfo => info !== undefined);
  const tree = all.filter((info) => info.pid === root);
  for (let i = 0; i < tree.length; i++) {
    const parent = tree[i] as ProcessInfo;
    tree.push(...all.filter((info) => info.ppid === parent.pid));
  }
  return tree;
}

/** Those of `processes` still running: the same process (id and start time), and not a zombie waiting to be reaped. */
export function stillRunning(processes: ProcessInfo[]): ProcessInfo[] {
  return processes.filter((before) => {
    const now = read(before.pid);
    return now !== undefined && now.startTime === before.startTime && now.state !== 'Z';
  });
}
