/**
 * Glue between the dial hotkey (dial-hotkey.ts, selection-reader.ts) and the
 * contract: which selection reader this OS gets, and the plain-JSON views of
 * the registration status and of a press. No `electron` import.
 *
 * Windows/macOS read the selection with a synthesized copy whose key sender is
 * `@nut-tree-fork/nut-js` (optional, loaded at run time by
 * nut-js-copy-key-sender.ts): {@link setUpSelectionReader} loads it first, and the
 * hotkey reports `invalid` / `copy-unavailable` with the reason when it cannot.
 */
import type { HotkeyPressView, HotkeyStatusView } from '../../src-preload/contract/ipc-contract';
import { assertNever } from '../../src-preload/contract/platform/assert-never';
import type { DialHotkeyStatus, HotkeyPressOutcome } from './dial-hotkey';
import {
  createCopySelectionReader,
  createPrimarySelectionReader,
  type ClipboardLike,
  type CopyKeySender,
  type SelectionReader,
} from './selection-reader';
import { loadNutJsCopyKeySender, type CopyKeySenderLoad } from './nut-js-copy-key-sender';

/** Default `copy-unavailable` message (when no more precise reason is known). */
export const COPY_UNAVAILABLE_MESSAGE = 'The dial hotkey cannot read the selected text on this system.';

export interface SelectionReaderDeps {
  platform: string;
  /** Linux: `() => clipboard.selection.readText()` (or xclip in Node) */
  readPrimary?: () => Promise<string>;
  /** Windows/macOS: clipboard adapter (Electron: {@link electronClipboardAdapter}) */
  clipboard?: ClipboardLike;
  /** Windows/macOS: the key sender (see {@link setUpSelectionReader} for the real one) */
  keys?: CopyKeySender;
  /** macOS: `() => systemPreferences.isTrustedAccessibilityClient(false)` */
  isAccessibilityTrusted?: () => boolean;
}

/** The reader for this OS, or undefined when something it needs is missing. */
export function selectionReaderFor(deps: SelectionReaderDeps): SelectionReader | undefined {
  if (deps.platform === 'win32' || deps.platform === 'darwin') {
    if (!deps.keys || !deps.clipboard) return undefined;
    return createCopySelectionReader({
      platform: deps.platform,
      clipboard: deps.clipboard,
      keys: deps.keys,
      ...(deps.isAccessibilityTrusted ? { isAccessibilityTrusted: deps.isAccessibilityTrusted } : {}),
    });
  }
  // Linux and the other X11 systems: the PRIMARY selection.
  return deps.readPrimary ? createPrimarySelectionReader(deps.readPrimary) : undefined;
}

/** The status when no selection reader exists on this OS. */
export const COPY_UNAVAILABLE_STATUS: HotkeyStatusView = Object.freeze(copyUnavailableStatus(COPY_UNAVAILABLE_MESSAGE));

/** `invalid` / `copy-unavailable` with a message saying why. */
export function copyUnavailableStatus(message: string): HotkeyStatusView {
  return { status: 'invalid', reason: 'copy-unavailable', message };
}

export interface SelectionReaderSetupDeps extends Omit<SelectionReaderDeps, 'keys'> {
  /** loads the key sender for Windows/macOS (default: {@link loadNutJsCopyKeySender}) */
  loadKeys?: (platform: string) => Promise<CopyKeySenderLoad>;
}

export type SelectionReaderSetup =
  | { ok: true; reader: SelectionReader }
  /** `status` is `invalid` / `copy-unavailable` with the reason in its message */
  | { ok: false; status: HotkeyStatusView };

/**
 * The reader for this OS, with the key sender loaded on Windows and macOS
 * (`@nut-tree-fork/nut-js`, optional). Resolve this before registering the hotkey:
 * when it is not ok, report its `status` instead (the hotkey could not read anything).
 * Never rejects.
 */
export async function setUpSelectionReader(deps: SelectionReaderSetupDeps): Promise<SelectionReaderSetup> {
  const { loadKeys, ...readerDeps } = deps;
  if (deps.platform === 'win32' || deps.platform === 'darwin') {
    if (!deps.clipboard) return notReady('no clipboard access was provided.');
    let load: CopyKeySenderLoad;
    try {
      load = await (loadKeys ?? ((platform: string) => loadNutJsCopyKeySender({ platform })))(deps.platform);
    } catch (error) {
      load = {
        status: 'unavailable',
        reason: 'load-failed',
        message: error instanceof Error ? error.message : String(error),
      };
    }
    if (load.status === 'unavailable') return notReady(`no key sender (${load.reason}): ${load.message}`);
    const reader = selectionReaderFor({ ...readerDeps, keys: load.sender });
    return reader ? { ok: true, reader } : notReady('no key sender.');
  }
  const reader = selectionReaderFor(readerDeps);
  return reader ? { ok: true, reader } : notReady('no PRIMARY selection source.');
}

function notReady(why: string): SelectionReaderSetup {
  return { ok: false, status: copyUnavailableStatus(`The dial hotkey cannot read the selected text: ${why}`) };
}

/** The part of Electron 45's (async) `clipboard` module the copy reader needs. */
export interface ElectronClipboardLike {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  /** every format on the clipboard (`ClipboardItem[]`) */
  read(): Promise<unknown[]>;
  write(data: never[]): Promise<void>;
}

/** Electron `clipboard` → {@link ClipboardLike}: the snapshot is `read()`, put back with `write()`. */
export function electronClipboardAdapter(clipboard: ElectronClipboardLike): ClipboardLike {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
    snapshot: () => clipboard.read(),
    restore: (snapshot) => clipboard.write((Array.isArray(snapshot) ? snapshot : []) as never[]),
  };
}

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
