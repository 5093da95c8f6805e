/**
 * When the in-page incoming-call popup is visible (SPEC F2), as a pure
 * function of the setting, the time the call was first seen ringing and the
 * page visibility.
 *
 * - `always`: while the call rings.
 * - `5s` / `10s`: for that long after the call started ringing; the call keeps
 *   ringing and stays in the calls panel with Answer / Reject.
 * - `minimized-only`: only while the main window is minimized. In the web shell
 *   "minimized" is `document.visibilityState === 'hidden'`, so the in-page popup is
 *   never seen there; the Electron shell shows its own popup window instead.
 * - `never`: not shown.
 */
import type { PopupVisibility } from '../../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../platform/assert-never';

export interface PopupVisibilityInput {
  visibility: PopupVisibility;
  /** epoch ms the renderer first saw the call ringing */
  seenAt: number;
  now: number;
  /** the page (main window) is hidden or minimized */
  pageHidden: boolean;
}

/** Time-limited visibilities, ms. */
export const POPUP_LIMIT_MS: Partial<Record<PopupVisibility, number>> = { '5s': 5_000, '10s': 10_000 };

export function isPopupVisible({ visibility, seenAt, now, pageHidden }: PopupVisibilityInput): boolean {
  switch (visibility) {
    case 'always':
      return true;
    case '5s':
    case '10s':
      return now - seenAt < (POPUP_LIMIT_MS[visibility] ?? 0);
    case 'minimized-only':
      return pageHidden;
    case 'never':
      return false;
    default:
      return assertNever(visibility, 'popup visibility');
  }
}
