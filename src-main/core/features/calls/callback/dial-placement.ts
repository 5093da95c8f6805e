import type { DialTarget } from '../../../../../src-preload/contract/calls/dial-target';
import type { DialMode } from '../../../../../src-preload/contract/forwarding';

/**
 * Who places a call the user starts (SPEC J4 dial mode, B5 CallMe):
 * - `app`: this device dials it (WebRTC through the proxy);
 * - `ask-server`: `POST /me/calls/place` — the server rings the user's desk phone or CallMe number
 *   first, or answers that the app dials it itself (dial mode `app`, or an emergency number: the
 *   server's dial plan holds the list, SPEC G — one definition, never copied here).
 */
export type DialPlacement = 'app' | 'ask-server';

/**
 * The engine's part of the decision, before any request:
 * - an emergency number of the server's dial plan (`emergencyNumbers`, from the provisioning; the
 *   server's list, not a copy) is always the app's, at once;
 * - a `sip:` URI or a service code (`*21#`: it acts on the user's own account, it calls nobody)
 *   is always the app's — the server's callback places numbers only;
 * - dial mode `app` is the app's (no round trip);
 * - `associated`, `callback`, or a mode not known yet (rules not fetched since login): the server
 *   decides, emergency numbers included (it answers `{by:'app', reason:'emergency'}`).
 *
 * @param mode the user's dial mode from the forwarding rules; undefined while not known
 */
export function decideDialPlacement(
  mode: DialMode | undefined,
  target: DialTarget,
  emergencyNumbers: readonly string[] = [],
): DialPlacement {
  if (target.kind === 'sip-uri') return 'app';
  // SPEC G: nothing stands between a caller and an emergency number, not even a question to the server
  if (emergencyNumbers.includes(target.canonical)) return 'app';
  if (/^[*#]/.test(target.canonical)) return 'app';
  return mode === 'app' ? 'app' : 'ask-server';
}
