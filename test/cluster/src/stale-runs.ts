import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Prefix of every run's temp dir under the system temp folder (cluster, PostgreSQL). */
export const runDirPrefix = 'store-platform-';
const ownerFile = 'owner.pid';

/** Records which process owns a run's dir, so that a later run can tell whether it was abandoned. */
export async function claimRunDir(dir: string): Promise<void> {
  await writeFile(path.join(dir, ownerFile), String(process.pid));
}

/**
 * Removes the temp dirs of earlier runs whose owner died without cleaning up (killed with SIGKILL, say). Their
 * processes are already gone: each was started with a parent-death signal.
 */
export async function removeAbandonedRunDirs(): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(os.tmpdir())) {
    if (!entry.startsWith(runDirPrefix)) continue;
    const dir = path.join(os.tmpdir(), entry);
    const owner = Number(await readFile(path.join(dir, ownerFile), 'utf8').catch(() => 'NaN'));
    if (Number.isInteger(owner) && !isAlive(owner)) {
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  return removed;
}

/** Whether a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
