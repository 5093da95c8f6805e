/**
 * Reads the text the user has selected in *another* application, for the dial
 * hotkey (SPEC G2). No `electron` import: the Electron objects come in through
 * the narrow seams below (adapters in desktop-shell.ts), so the logic is
 * unit-tested with fakes and the Linux path also works in plain Node.
 *
 * - **Linux (X11)**: the PRIMARY selection holds the selected text, no copy needed.
 *   Electron 45: `clipboard.selection.readText()` (async; Linux only — `clipboard.selection`
 *   is `undefined` elsewhere; 41–43 had `clipboard.readText('selection')`). In Node (web shell,
 *   tests): `xclip -o -selection primary`, run with execFile (never a shell). Wayland has no
 *   global PRIMARY for X clients unless the compositor bridges it (XWayland usually does).
 * - **Windows / macOS**: no global selection. Save the clipboard, put a marker on it, synthesize
 *   Ctrl+C / Cmd+C in the focused application, poll for up to ~200 ms until the clipboard
 *   changes, read, restore the saved clipboard. If the marker is still there, nothing was
 *   selected (we never dial what was already on the clipboard). macOS needs the Accessibility
 *   permission to synthesize keys: checked first with
 *   `systemPreferences.isTrustedAccessibilityClient(false)` (false: no system prompt from a hotkey
 *   press; the settings page explains with `hotkey.selection.accessibility-required` and may call it
 *   with `true` on a button).
 */
import { execFile } from 'node:child_process';

/** Why the selection could not be read (UI: `hotkey.selection.<reason>`). */
export type SelectionReadError =
  /** macOS: the app is not allowed to control the computer (System Settings › Privacy › Accessibility) */
  | 'accessibility-required'
  /** no way to read a selection here (no PRIMARY selection support, xclip missing, no key sender) */
  | 'unavailable'
  /** the OS call failed or timed out */
  | 'read-failed';

export type SelectionReadResult =
  { ok: true; text: string } | { ok: false; reason: SelectionReadError; message: string };

/** Reads the current selection once. */
export interface SelectionReader {
  read(): Promise<SelectionReadResult>;
}

// ---------------------------------------------------------------- Linux

/**
 * Linux: `readPrimary` returns the PRIMARY selection's text.
 * Electron adapter: `() => clipboard.selection.readText()`; Node: {@link readPrimaryWithXclip}.
 */
export function createPrimarySelectionReader(readPrimary: () => Promise<string>): SelectionReader {
  return {
    read: async () => {
      try {
        return { ok: true, text: await readPrimary() };
      } catch (error) {
        return failure(error instanceof SelectionUnavailableError ? 'unavailable' : 'read-failed', error);
      }
    },
  };
}

/** Thrown by a primary-selection source that cannot work on this machine (e.g. xclip missing). */
export class SelectionUnavailableError extends Error {
  override readonly name = 'SelectionUnavailableError';
}

/** The part of child_process.execFile we use (seam for tests). */
export type ExecFileLike = (
  file: string,
  args: readonly string[],
  options: { timeout: number; maxBuffer: number; encoding: 'utf8'; env?: NodeJS.ProcessEnv },
  callback: (error: (Error & { code?: unknown }) | null, stdout: string, stderr: string) => void,
) => unknown;

/** Most bytes read from the selection; anything bigger is not a phone number anyway. */
const MAX_SELECTION_BYTES = 64 * 1024;

/**
 * Node fallback for Linux/X11: `xclip -o -selection primary` (apt package `xclip`).
 * execFile, fixed arguments, no shell, 1 s timeout, bounded output. An empty PRIMARY
 * selection makes xclip exit 1 with "Error: target STRING not available": that is an
 * empty selection, not a failure.
 */
export function readPrimaryWithXclip(
  options: { execFile?: ExecFileLike; binary?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const run = options.execFile ?? (execFile as unknown as ExecFileLike);
  return new Promise((resolve, reject) => {
    const execOptions = {
      timeout: 1_000,
      maxBuffer: MAX_SELECTION_BYTES,
      encoding: 'utf8' as const,
      ...(options.env !== undefined ? { env: options.env } : {}),
    };
    run(options.binary ?? 'xclip', ['-o', '-selection', 'primary'], execOptions, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      if (error.code === 'ENOENT') return reject(new SelectionUnavailableError('xclip is not installed'));
      if (/not available|no selection/i.test(stderr)) return resolve('');
      if (/Can't open display/i.test(stderr)) return reject(new SelectionUnavailableError('no X display'));
      reject(new Error(`xclip failed: ${stderr.trim().slice(0, 200) || error.message}`));
    });
  });
}

// ---------------------------------------------------------------- Windows / macOS

/** The clipboard operations we need (Electron 45 clipboard is async). */
export interface ClipboardLike {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  /** everything on the clipboard, all formats (Electron: `clipboard.read()`) */
  snapshot(): Promise<unknown>;
  /** puts a snapshot back (Electron: `clipboard.write(items)`) */
  restore(snapshot: unknown): Promise<void>;
}

/**
 * Synthesizes the platform's copy shortcut in the focused application.
 * Implementation (not installed yet, see the report): `@nut-tree-fork/nut-js`:
 * release the hotkey's modifiers the user may still hold (`keyboard.releaseKey(Key.LeftAlt,
 * Key.LeftShift, …)`), then `keyboard.pressKey(Key.LeftControl, Key.C)` (Key.LeftCmd on macOS)
 * and `releaseKey` of both.
 */
export interface CopyKeySender {
  sendCopy(): Promise<void>;
}

export interface CopySelectionReaderOptions {
  platform: string;
  clipboard: ClipboardLike;
  keys: CopyKeySender;
  /** macOS: `() => systemPreferences.isTrustedAccessibilityClient(false)` */
  isAccessibilityTrusted?: () => boolean;
  /** waits `ms` (seam for tests; default setTimeout) */
  sleep?: (ms: number) => Promise<void>;
  /** how long to wait for the copy to land (default 200 ms) */
  copyTimeoutMs?: number;
  /** poll step (default 20 ms) */
  pollMs?: number;
  /** marker generator (seam for tests) */
  marker?: () => string;
}

/** Windows/macOS: copy with the clipboard saved and restored (see the file comment). */
export function createCopySelectionReader(options: CopySelectionReaderOptions): SelectionReader {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.copyTimeoutMs ?? 200;
  const pollMs = options.pollMs ?? 20;
  const makeMarker = options.marker ?? (() => `\u2063switchboard-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  let busy = false;

  return {
    read: async () => {
      if (options.platform === 'darwin' && options.isAccessibilityTrusted?.() !== true) {
        return { ok: false, reason: 'accessibility-required', message: ACCESSIBILITY_MESSAGE };
      }
      // A second press while copying would save our marker as "the user's clipboard".
      if (busy) return { ok: false, reason: 'read-failed', message: 'A selection is already being read.' };
      busy = true;
      let saved: unknown;
      let haveSnapshot = false;
      try {
        saved = await options.clipboard.snapshot();
        haveSnapshot = true;
        const marker = makeMarker();
        await options.clipboard.writeText(marker);
        await options.keys.sendCopy();
        let text = marker;
        for (let waited = 0; waited < timeoutMs && text === marker; waited += pollMs) {
          await sleep(pollMs);
          text = await options.clipboard.readText();
        }
        // Still the marker: the copy did nothing, i.e. no selection.
        return { ok: true, text: text === marker ? '' : text };
      } catch (error) {
        return failure('read-failed', error);
      } finally {
        if (haveSnapshot) {
          await options.clipboard.restore(saved).catch((error: unknown) => {
            console.warn('[selection] could not restore the clipboard', error);
          });
        }
        busy = false;
      }
    },
  };
}

export const ACCESSIBILITY_MESSAGE =
  'To read the selected text, allow Switchboard in System Settings › Privacy & Security › Accessibility, then press the hotkey again.';

function failure(reason: SelectionReadError, error: unknown): SelectionReadResult {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, reason, message: `Could not read the selected text: ${detail}` };
}
