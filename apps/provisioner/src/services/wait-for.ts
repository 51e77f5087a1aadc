/** How a wait polls: how long in all, how often, and whether a check that throws is tried again. */
export interface WaitOptions {
  timeoutMs: number;
  /** Between checks; 1 s by default (the worker's waits are for Kubernetes, which moves in seconds). */
  intervalMs?: number;
  /**
   * Try again when the check throws, and name its last error at the timeout ("last seen: ..."), instead of
   * failing at once with it. The worker fails at once, so that a refused call fails its step with its own reason;
   * tests retry, since throwing is how their checks say what they saw.
   */
  retryErrors?: boolean;
}

/**
 * Polls `check` until it returns a value other than undefined, and returns that value; after `timeoutMs` it
 * rejects naming `what` it waited for. The one polling helper of the repository: the worker's flows use it, and
 * the tests' `waitFor` (test/cluster/src/wait.ts) is it with errors retried.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: WaitOptions | number,
): Promise<T> {
  const {
    timeoutMs,
    intervalMs = 1000,
    retryErrors = false,
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      // Not done, with no reason given: an error thrown earlier is no longer what was seen last.
      lastError = undefined;
    } catch (error) {
      if (!retryErrors) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen =
        lastError === undefined
          ? ''
          : `; last seen: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${seen}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
