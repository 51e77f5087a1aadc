/** Exit codes of the CLI: the provisioner's Jobs read them (docs/decisions/013-store-backup-tool.md). */
export const exitCodes = { done: 0, failed: 1, usage: 2, refused: 3 } as const;

/** A failure with the exit code it ends the process with and a message in plain words for stderr. */
export class ToolError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

/** Bad command line or environment: exit 2. */
export const usageError = (message: string) => new ToolError(message, exitCodes.usage);

/** The backup failed verification before anything was touched: exit 3. */
export const refusedError = (message: string) => new ToolError(message, exitCodes.refused);
