/**
 * Polls `check` until it returns a value other than undefined, and returns that value: the one wait-until helper
 * of the tests. A check that throws is tried again, so throwing is also how a check says why it is not done yet
 * (`store shop is provisioning: {...}`). After `timeoutMs` it fails naming `what` it waited for and the last error
 * the check threw, so that a timeout says what was seen last, not only that time ran out.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      // Not done, with no reason given: an error thrown earlier is no longer what was seen last.
      lastError = undefined;
    } catch (error) {
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
