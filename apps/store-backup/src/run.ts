import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** How to run one of the database clients: its binary, arguments (never a password) and extra environment. */
export interface Command {
  binary: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * Runs `command`, feeding it `stdin` and sending its stdout to `stdout` (or collecting it). Rejects with the tail
 * of its stderr when it exits with an error, so that the reason reaches the Job's log in the tool's own words.
 */
export async function run(
  command: Command,
  io: { stdin?: Readable; stdout?: Writable } = {},
): Promise<string> {
  const child = spawn(command.binary, command.args, {
    env: { ...process.env, ...command.env },
    stdio: [io.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  // Both are pipes (stdio above); the types cannot tell.
  const out = child.stdout as Readable;
  const err = child.stderr as Readable;
  let stderr = '';
  err.setEncoding('utf8');
  err.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const chunks: Buffer[] = [];
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(signal ? null : code));
  });
  const streams: Promise<void>[] = [];
  if (io.stdin && child.stdin) streams.push(pipeline(io.stdin, child.stdin));
  if (io.stdout) streams.push(pipeline(out, io.stdout));
  else out.on('data', (chunk: Buffer) => chunks.push(chunk));
  // A stream that fails because the client died (EPIPE) is explained by its exit code and stderr; one that fails
  // while the client succeeds (the archive broke mid-way) still fails the run.
  const [code, results] = await Promise.all([exited, Promise.allSettled(streams)]);
  if (code !== 0) {
    const how = code === null ? 'was killed' : `exited with code ${code}`;
    throw new Error(`${command.binary} ${how}: ${stderr.trim() || '(no error output)'}`);
  }
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return Buffer.concat(chunks).toString('utf8');
}
