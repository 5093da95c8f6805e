/**
 * Glue between the dial hotkey (dial-hotkey.ts, selection-reader.ts) and the
 * contract: which selection reader this OS gets, and the plain-JSON views of
 * the registration status and of a press. No `electron` import.
 */
import type { HotkeyPressView, HotkeyStatusView } from '../../src-preload/contract/ipc-contract';
import { assertNever } from '../core/util/assert-never';
import type { DialHotkeyStatus, HotkeyPressOutcome } from './dial-hotkey';
import {
  createCopySelectionReader,
  createPrimarySelectionReader,
  type ClipboardLike,
  type CopyKeySender,
  type SelectionReader,
} from './selection-reader';

/**
 * Synthesized Ctrl+C / Cmd+C for Windows and macOS. Not available yet: it
 * needs `@nut-tree-fork/nut-js` (native, not a dependency of this build; see
 * the CopyKeySender TSDoc for the implementation). Until it is added, the
 * hotkey reports `invalid` / `copy-unavailable` on those systems.
 */
export const COPY_KEY_SENDER: CopyKeySender | undefined = undefined;

export const COPY_UNAVAILABLE_MESSAGE =
  'The dial hotkey cannot read the selected text on this system yet (no key sender installed).';

export interface SelectionReaderDeps {
  platform: string;
  /** Linux: `() => clipboard.selection.readText()` (or xclip in Node) */
  readPrimary?: () => Promise<string>;
  /** Windows/macOS: clipboard adapter */
  clipboard?: ClipboardLike;
  /** Windows/macOS: key sender (default {@link COPY_KEY_SENDER}) */
  keys?: CopyKeySender;
  /** macOS: `() => systemPreferences.isTrustedAccessibilityClient(false)` */
  isAccessibilityTrusted?: () => boolean;
}

/** The reader for this OS, or undefined when the selection cannot be read here (report `copy-unavailable`). */
export function selectionReaderFor(deps: SelectionReaderDeps): SelectionReader | undefined {
  if (deps.platform === 'win32' || deps.platform === 'darwin') {
    const keys = deps.keys ?? COPY_KEY_SENDER;
    if (!keys || !deps.clipboard) return undefined;
    return createCopySelectionReader({
      platform: deps.platform,
      clipboard: deps.clipboard,
      keys,
      ...(deps.isAccessibilityTrusted ? { isAccessibilityTrusted: deps.isAccessibilityTrusted } : {}),
    });
  }
  // Linux and the other X11 systems: the PRIMARY selection.
  return deps.readPrimary ? createPrimarySelectionReader(deps.readPrimary) : undefined;
}

/** The status when no selection reader exists on this OS. */
export const COPY_UNAVAILABLE_STATUS: HotkeyStatusView = Object.freeze({
  status: 'invalid',
  reason: 'copy-unavailable',
  message: COPY_UNAVAILABLE_MESSAGE,
});

/** DialHotkey status → hotkey.onDidChangeStatus payload (`disposed` reads as off). */
export function hotkeyStatusView(status: DialHotkeyStatus): HotkeyStatusView {
  switch (status.state) {
    case 'off':
    case 'disposed':
      return { status: 'off' };
    case 'registered':
      return { status: 'registered', label: status.label };
    case 'invalid':
      return { status: 'invalid', reason: status.reason, message: status.message };
    case 'taken':
      return { status: 'taken', label: status.label, message: status.message };
    default:
      return assertNever(status, 'unknown hotkey status');
  }
}

/** One press's outcome → hotkey.onDidHandlePress payload. */
export function hotkeyPressView(outcome: HotkeyPressOutcome): HotkeyPressView {
  switch (outcome.kind) {
    case 'dialed':
      return { outcome: 'dialed', number: outcome.number, display: outcome.display, callId: outcome.callId };
    case 'selection-failed':
      return { outcome: 'selection-failed', reason: outcome.reason, message: outcome.message };
    case 'no-number':
      return { outcome: 'no-number', reason: outcome.reason, message: outcome.message };
    case 'dial-failed':
      return {
        outcome: 'dial-failed',
        number: outcome.number,
        display: outcome.display,
        reason: outcome.code ?? 'internal',
        message: outcome.message,
      };
    case 'busy':
      return { outcome: 'busy' };
    default:
      return assertNever(outcome, 'unknown hotkey outcome');
  }
}
