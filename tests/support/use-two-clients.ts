/**
 * The usual e2e suite setting: {@link openTwoClients} for the whole
 * `describe`, opened once before its tests and closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { openTwoClients, type TwoClients } from './two-clients';

/**
 * Registers, in the calling `describe`, a `beforeAll` (90 s: a UC stack,
 * Chromium and two logins with SIP registration) that opens the two clients
 * and hands them to `onOpen`, and an `afterAll` that closes them (also after
 * a failed start).
 *
 * @param onOpen - runs inside the same `beforeAll` once both clients are
 *   registered: keep the clients, add the suite's own set-up steps
 * @param opts - passed to {@link openTwoClients}
 *
 * @example
 * let alice: WebShellClient;
 * let bruno: WebShellClient;
 * useTwoClients((clients) => {
 *   ({ alice, bruno } = clients);
 * });
 */
export function useTwoClients(
  onOpen: (clients: TwoClients) => void | Promise<void>,
  opts: Parameters<typeof openTwoClients>[0] = {},
): void {
  let clients: TwoClients | undefined;

  beforeAll(async () => {
    clients = await openTwoClients(opts);
    await onOpen(clients);
  }, 90_000);

  afterAll(async () => {
    await clients?.close();
  });
}
