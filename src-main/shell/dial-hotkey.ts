/**
 * The global dial hotkey (SPEC G2): registration through `globalShortcut`
 * (seam {@link GlobalShortcutLike}), and what a press does: read the selection,
 * normalize it, dial. No `electron` import; desktop-shell.ts passes
 * `globalShortcut` and the selection reader.
 *
 * Registration states:
 *
 *   off ──apply(valid)──► registered ──apply(other)──► registered / taken / invalid
 *    ▲                      │    ▲
 *    └────apply(null)───────┘    └──apply(same): no-op
 *   invalid: the setting breaks the SPEC rules (nothing registered)
 *   taken:   globalShortcut.register returned false — another application owns the key
 *   disposed: after dispose() (quit); apply() throws
 */
import {
  selectionToNumber,
  validateAccelerator,
  type HotkeyError,
  type SelectionError,
  type SelectionToNumberOptions,
} from '../core/features/desktop';
import type { SelectionReader, SelectionReadError } from './selection-reader';

/** The part of Electron's globalShortcut we use. */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** Registration status (for the settings page: `hotkey.status.<state>`). */
export type DialHotkeyStatus =
  | { state: 'off' }
  | { state: 'registered'; accelerator: string; label: string }
  | { state: 'invalid'; reason: HotkeyError; message: string }
  | { state: 'taken'; accelerator: string; label: string; message: string }
  | { state: 'disposed' };

export const HOTKEY_TAKEN_MESSAGE = 'The key is already used by another application. Choose another one.';

export interface DialHotkeyOptions {
  globalShortcut: GlobalShortcutLike;
  /** process.platform (labels: "Ctrl+Alt+D" vs "⌃⌥D") */
  platform: string;
  /** called on every press (normally a {@link createHotkeyDialer} handler) */
  onPress: () => void;
  /** status changes, e.g. to publish `hotkey.onDidChangeStatus` */
  onDidChangeStatus?: (status: DialHotkeyStatus) => void;
}

/** Owns the one registered dial accelerator. */
export class DialHotkey {
  private current: DialHotkeyStatus = { state: 'off' };
  private registered: string | undefined;

  constructor(private readonly options: DialHotkeyOptions) {}

  get status(): DialHotkeyStatus {
    return this.current;
  }

  /**
   * Applies the setting (at start and on every settings change): `null`/`''`
   * turns the hotkey off; anything else is validated, then (re)registered.
   * Re-applying the registered accelerator does nothing.
   */
  apply(setting: string | null | undefined): DialHotkeyStatus {
    if (this.current.state === 'disposed') throw new Error('DialHotkey is disposed');
    if (setting === null || setting === undefined || setting.trim() === '') {
      this.release();
      return this.set({ state: 'off' });
    }
    const checked = validateAccelerator(setting, this.options.platform);
    if (!checked.ok) {
      this.release();
      return this.set({ state: 'invalid', reason: checked.reason, message: checked.message });
    }
    if (this.registered === checked.accelerator && this.current.state === 'registered') return this.current;
    this.release();
    let ok = false;
    try {
      ok = this.options.globalShortcut.register(checked.accelerator, () => this.options.onPress());
    } catch (error) {
      // Electron throws on accelerators it cannot parse; validateAccelerator should prevent that.
      console.warn('[hotkey] register threw', error);
    }
    if (!ok) {
      return this.set({
        state: 'taken',
        accelerator: checked.accelerator,
        label: checked.label,
        message: HOTKEY_TAKEN_MESSAGE,
      });
    }
    this.registered = checked.accelerator;
    return this.set({ state: 'registered', accelerator: checked.accelerator, label: checked.label });
  }

  /** Unregisters (on quit). Idempotent. */
  dispose(): void {
    if (this.current.state === 'disposed') return;
    this.release();
    this.set({ state: 'disposed' });
  }

  private release(): void {
    if (this.registered === undefined) return;
    this.options.globalShortcut.unregister(this.registered);
    this.registered = undefined;
  }

  private set(status: DialHotkeyStatus): DialHotkeyStatus {
    this.current = status;
    this.options.onDidChangeStatus?.(status);
    return status;
  }
}

// ---------------------------------------------------------------- what a press does

/** Outcome of one press (UI: `hotkey.selection.<reason>` / `error.<code>`). */
export type HotkeyPressOutcome =
  | { kind: 'dialed'; number: string; display: string; callId: string }
  | { kind: 'selection-failed'; reason: SelectionReadError; message: string }
  | { kind: 'no-number'; reason: SelectionError; message: string }
  | { kind: 'dial-failed'; number: string; display: string; message: string; code?: string }
  /** a press while the previous one is still being handled */
  | { kind: 'busy' };

export interface HotkeyDialerOptions {
  reader: SelectionReader;
  /** dials the canonical number; normally `backend.invoke('calls.dial', { target })` */
  dial: (target: string) => Promise<{ callId: string }>;
  /** country for national numbers (from settings, when there is one) */
  numberOptions?: () => SelectionToNumberOptions;
  /** every outcome, e.g. to show the number / the reason (notification or renderer event) */
  onDidHandlePress?: (outcome: HotkeyPressOutcome) => void;
}

/**
 * Returns the press handler: selection → {@link selectionToNumber} → dial.
 * The user pressed the key on purpose over text they selected, so it dials
 * without a confirmation (links from elsewhere do ask, see link-dial-policy);
 * the number is shown through `onDidHandlePress` and in the call view.
 */
export function createHotkeyDialer(options: HotkeyDialerOptions): () => Promise<HotkeyPressOutcome> {
  let running = false;
  return async () => {
    if (running) return report({ kind: 'busy' });
    running = true;
    try {
      const selection = await options.reader.read();
      if (!selection.ok)
        return report({ kind: 'selection-failed', reason: selection.reason, message: selection.message });
      const number = selectionToNumber(selection.text, options.numberOptions?.() ?? {});
      if (!number.ok) return report({ kind: 'no-number', reason: number.reason, message: number.message });
      try {
        const { callId } = await options.dial(number.number);
        return report({ kind: 'dialed', number: number.number, display: number.display, callId });
      } catch (error) {
        const code =
          typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
        const message = error instanceof Error ? error.message : String(error);
        return report({
          kind: 'dial-failed',
          number: number.number,
          display: number.display,
          message,
          ...(code !== undefined ? { code } : {}),
        });
      }
    } finally {
      running = false;
    }
  };

  function report(outcome: HotkeyPressOutcome): HotkeyPressOutcome {
    options.onDidHandlePress?.(outcome);
    return outcome;
  }
}
