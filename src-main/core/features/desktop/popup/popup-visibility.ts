import type { PopupVisibility } from '../../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../platform/assert-never';

/** A call ringing in, with the time the engine first saw it ringing. */
export interface RingingCall {
  callId: string;
  /** epoch ms when it started ringing */
  since: number;
}

export interface PopupVisibilityInput {
  /** settings.popupVisibility */
  setting: PopupVisibility;
  /** the main window is minimized or hidden in the tray (always false in the web shell) */
  mainWindowMinimized: boolean;
  /** calls ringing in, any order */
  ringing: readonly RingingCall[];
  /** epoch ms */
  now: number;
}

/** What to do with the popup now. */
export type PopupDecision =
  | { action: 'hide' }
  /** show `callId`'s popup; re-decide after `hideAfterMs` (timed settings) */
  | { action: 'show'; callId: string; hideAfterMs?: number };

/** How long the timed settings keep the popup up. */
export const POPUP_TIMED_MS: Readonly<Record<'5s' | '10s', number>> = { '5s': 5_000, '10s': 10_000 };

/**
 * SPEC F2 popup visibility, as a pure function (both shells use it through
 * PopupController):
 *
 * | setting          | shown while a call rings in …                          |
 * |------------------|--------------------------------------------------------|
 * | `always`         | for as long as it rings                                |
 * | `5s` / `10s`     | for the first 5 / 10 s of its ringing                  |
 * | `minimized-only` | only while the main window is minimized / in the tray  |
 * | `never`          | never                                                  |
 *
 * With several calls ringing it shows the oldest one that is still within its
 * time (a new call gets its own 5 / 10 s).
 */
export function decidePopupVisibility(input: PopupVisibilityInput): PopupDecision {
  if (input.ringing.length === 0) return { action: 'hide' };
  const oldestFirst = [...input.ringing].sort((a, b) => a.since - b.since || (a.callId < b.callId ? -1 : 1));
  const oldest = oldestFirst[0]!;
  switch (input.setting) {
    case 'always':
      return { action: 'show', callId: oldest.callId };
    case 'never':
      return { action: 'hide' };
    case 'minimized-only':
      return input.mainWindowMinimized ? { action: 'show', callId: oldest.callId } : { action: 'hide' };
    case '5s':
    case '10s': {
      const limit = POPUP_TIMED_MS[input.setting];
      for (const call of oldestFirst) {
        // A clock that went backwards counts as "just started ringing".
        const elapsed = Math.max(0, input.now - call.since);
        if (elapsed < limit) return { action: 'show', callId: call.callId, hideAfterMs: limit - elapsed };
      }
      return { action: 'hide' };
    }
    default:
      return assertNever(input.setting, 'unknown popup visibility');
  }
}
