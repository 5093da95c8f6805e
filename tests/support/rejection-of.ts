/**
 * Catches the error a promise must be rejected with, so a test can check
 * its fields (status, code, Retry-After…) rather than its message alone.
 */

/**
 * Awaits `promise` and returns its rejection when it is an `errorType`.
 *
 * @throws the rejection itself when it is of another type, and
 *   `expected a rejection with <errorType.name>` when the promise resolves
 */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  errorType: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof errorType) return err;
    throw err;
  }
  throw new Error(`expected a rejection with ${errorType.name}`);
}
