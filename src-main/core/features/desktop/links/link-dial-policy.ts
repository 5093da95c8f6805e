import { assertNever } from '../../../../../src-preload/contract/platform/assert-never';
import type { TelephonyLink } from './parse-telephony-uri';

/**
 * Where a link came from.
 * - `in-app-click`: the user clicked a link inside our own main window (a trusted
 *   user gesture in our UI, e.g. a number in a contact card).
 * - `os-second-instance`: Windows/Linux handed it to a second process (browser, mail,
 *   any program or web page can do that without the user meaning to call).
 * - `os-open-url`: macOS Launch Services (`open-url`), same trust as above.
 * - `cold-start-argv`: the link that started the app (first instance's argv).
 */
export type LinkOrigin = 'in-app-click' | 'os-second-instance' | 'os-open-url' | 'cold-start-argv';

/** What to do with a parsed link. */
export type LinkDialDecision =
  /** dial now (the number is still shown in the call view) */
  | { action: 'dial'; number: string; display: string }
  /** show the number and ask "Call …?" first; dial only on the user's yes */
  | { action: 'confirm'; number: string; display: string };

/**
 * SPEC G1: a link that did not come from the user's own click in our window
 * shows the number and asks before dialing. Every OS-delivered link is in
 * that case — a web page can fire `tel:` links without any click, so an
 * OS-delivered link never dials on its own.
 */
export function decideLinkDial(link: TelephonyLink, origin: LinkOrigin): LinkDialDecision {
  const shown = { number: link.number, display: link.display };
  switch (origin) {
    case 'in-app-click':
      return { action: 'dial', ...shown };
    case 'os-second-instance':
    case 'os-open-url':
    case 'cold-start-argv':
      return { action: 'confirm', ...shown };
    default:
      return assertNever(origin, 'Unknown link origin');
  }
}
