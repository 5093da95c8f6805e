/**
 * The incoming-call popup window (SPEC F2): a small always-on-top window at
 * the bottom right of the primary display's work area that never takes the
 * keyboard focus. It shows the same renderer as the main window with
 * `#popup` (the renderer draws the popup view for that hash) and the same
 * preload and hardening (desktop-shell.ts builds the BrowserWindow with
 * {@link CALL_POPUP_SIZE} and `focusable: false`, `alwaysOnTop`,
 * `skipTaskbar`, `show: false`).
 *
 * When it shows comes from the engine (`popup.onDidChange`, decided by
 * core/features/desktop/popup/popup-visibility.ts); this class only applies it:
 * `showInactive()` (never `show()`/`focus()`, which would steal the focus
 * from what the user is typing in), on top at the 'screen-saver' level where
 * the OS has levels (macOS, Windows), placed again at every show (the work
 * area may have changed: display or task bar moved). No `electron` import.
 */
import type { PopupStateView } from '../../src-preload/contract/ipc-contract';
import { windowGeometry, type Rect } from '../core/features/desktop';

/** Size of the popup window (CSS px at zoom 1). */
export const CALL_POPUP_SIZE = { width: 340, height: 150 } as const;

/** The part of BrowserWindow the popup uses. */
export interface PopupWindowLike {
  isDestroyed(): boolean;
  isVisible(): boolean;
  showInactive(): void;
  hide(): void;
  setBounds(bounds: Rect): void;
  setAlwaysOnTop(flag: boolean, level?: 'screen-saver'): void;
  setVisibleOnAllWorkspaces?(visible: boolean, options?: { visibleOnFullScreen?: boolean }): void;
}

export interface CallPopupWindowOptions {
  window: PopupWindowLike;
  /** `screen.getPrimaryDisplay().workArea` */
  workArea: () => Rect;
  platform: string;
}

export class CallPopupWindow {
  private shownFor: string | undefined;

  constructor(private readonly options: CallPopupWindowOptions) {
    const { window, platform } = options;
    // 'screen-saver' keeps it above full-screen apps on macOS and above topmost windows on Windows;
    // Linux window managers have no levels (plain always-on-top).
    if (platform === 'darwin' || platform === 'win32') window.setAlwaysOnTop(true, 'screen-saver');
    else window.setAlwaysOnTop(true);
    if (platform === 'darwin') window.setVisibleOnAllWorkspaces?.(true, { visibleOnFullScreen: true });
  }

  /** The call the popup shows now (undefined while hidden). */
  get callId(): string | undefined {
    return this.shownFor;
  }

  /** Applies the engine's popup state. */
  apply(state: PopupStateView): void {
    const { window } = this.options;
    if (window.isDestroyed()) return;
    if (!state.visible) {
      this.shownFor = undefined;
      if (window.isVisible()) window.hide();
      return;
    }
    this.shownFor = state.callId;
    window.setBounds(windowGeometry(this.options.workArea(), { kind: 'popup', ...CALL_POPUP_SIZE }));
    if (!window.isVisible()) window.showInactive();
  }
}
