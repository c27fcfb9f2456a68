// Polling for a condition that becomes true in the background (a counter in a fault engine, a server
// that comes up): resolves as soon as the check passes, fails the test with the check's source if it
// never does.

/**
 * Runs `check` every `intervalMs` until it returns true, or throws after `timeoutMs`. A check that throws
 * or rejects counts as false (a server not yet listening); its last error becomes the timeout's cause.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 20,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `condition not met within ${timeoutMs} ms: ${check.toString()}`,
    lastError === undefined ? undefined : { cause: lastError },
  );
}
