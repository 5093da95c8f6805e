/**
 * Whether the in-page incoming-call popup of one call is visible (SPEC F2):
 * the contract's one popup timing policy (`decidePopupVisibility`, which the
 * engine also applies to the desktop popup window), asked for that call
 * alone, as the page sees it:
 *
 * - `always`: while the call rings;
 * - `5s` / `10s`: for that long after the call started ringing (it keeps
 *   ringing and stays in the calls panel with Answer / Reject);
 * - `minimized-only`: only while the page is hidden — in the web shell the
 *   in-page popup is then never seen; the Electron shell shows its own popup
 *   window instead;
 * - `never`: not shown.
 */
import { decidePopupVisibility } from '../../../../../src-preload/contract/desktop';
import type { PopupVisibility } from '../../../../../src-preload/contract/ipc-contract';

export interface PopupVisibilityInput {
  visibility: PopupVisibility;
  /** epoch ms the renderer first saw the call ringing */
  seenAt: number;
  now: number;
  /** the page (main window) is hidden or minimized */
  pageHidden: boolean;
}

/** The one call asked about (the policy picks among several; each in-page card is decided alone). */
const THIS_CALL = 'this-call';

export function isPopupVisible({ visibility, seenAt, now, pageHidden }: PopupVisibilityInput): boolean {
  const decision = decidePopupVisibility({
    setting: visibility,
    mainWindowMinimized: pageHidden,
    ringing: [{ callId: THIS_CALL, since: seenAt }],
    now,
  });
  return decision.action === 'show';
}
