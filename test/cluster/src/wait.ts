import { waitFor as poll } from '../../../apps/provisioner/src/services/wait-for.js';

/**
 * Polls `check` until it returns a value other than undefined, and returns that value: the tests' way of waiting
 * for a condition, which is the worker's polling helper (apps/provisioner/src/services/wait-for.ts) with errors
 * retried. A check that throws is tried again, so throwing is also how a check says why it is not done yet
 * (`store shop is provisioning: {...}`); after `timeoutMs` it fails naming `what` it waited for and the last error
 * the check threw, so that a timeout says what was seen last, not only that time ran out.
 */
export function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  return poll(what, check, { timeoutMs, intervalMs, retryErrors: true });
}
