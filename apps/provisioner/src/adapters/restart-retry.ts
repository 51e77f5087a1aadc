import { setTimeout as delay } from 'node:timers/promises';

/** How long a call the API server cannot serve yet is sent again: an API server restarting is back within seconds. */
export const restartRetryMs = 30_000;

/**
 * Calls `call`, and again while `passing(error)` says its failure is the API server restarting (not the call's
 * own), with a delay from 0.25 s doubling to 4 s, for `retryMs` at most; then its error is the caller's. Both
 * the Kubernetes client and the helm CLI retry through it, each with its own reading of a failure.
 */
export async function retryWhile<T>(
  call: () => Promise<T>,
  passing: (error: unknown) => boolean | Promise<boolean>,
  retryMs: number = restartRetryMs,
): Promise<T> {
  const until = Date.now() + retryMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 4000)) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() + wait > until || !(await passing(error))) throw error;
      await delay(wait);
    }
  }
}
