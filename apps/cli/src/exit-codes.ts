/** What storectl's exit status means, for scripts (README: "storectl"). */
export const exitCodes = {
  done: 0,
  /** The platform refused or the operation failed (also: cannot reach the server, not signed in). */
  failed: 1,
  /** The command line, or the request it made, was wrong. */
  usage: 2,
  notFound: 3,
  /** The store changed meanwhile (a stale version), or the name is taken, or an operation already runs. */
  conflict: 4,
} as const;

/** An error storectl reports in one line and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.failed,
  ) {
    super(message);
  }
}

/** The exit code of an API refusal with HTTP `status`. */
export function exitCodeOf(status: number): number {
  if (status === 404) return exitCodes.notFound;
  if (status === 409 || status === 412 || status === 428) return exitCodes.conflict;
  if (status === 400 || status === 422) return exitCodes.usage;
  return exitCodes.failed;
}
