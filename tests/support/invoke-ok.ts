/**
 * Calls a contract channel on a backend (AppCore or a fake) the way the
 * preload does, for tests whose step must succeed.
 */
import { dispatchInvoke } from '../../src-main/core/platform/ipc/dispatch-invoke';
import type { UcBackend } from '../../src-main/core/platform/ipc/uc-backend';

/**
 * {@link dispatchInvoke} (payload validated as over IPC), unwrapped.
 *
 * @throws Error `<channel>: <code> <message>` when the result is not ok
 * @returns the result's value, as the caller's `T` (not checked)
 */
export async function invokeOk<T>(backend: UcBackend, channel: string, payload: unknown = {}): Promise<T> {
  const r = await dispatchInvoke(backend, channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
