/**
 * Applies the window settings (SPEC A6) to the main window: Pin-on-top, zoom
 * and the Collapsed view (a slim bar at the right edge of the window's
 * display; the normal bounds come back when another view is chosen), plus the
 * Dock command. Only what changed is applied. No `electron` import:
 * desktop-shell.ts passes the BrowserWindow and `screen`.
 */
import type { Settings } from '../../src-preload/contract/ipc-contract';
import { COLLAPSED_BAR_WIDTH, windowGeometry, type Rect } from '../core/features/desktop';

/** Main window size limits in the normal views. */
export const MAIN_MIN_SIZE = { width: 320, height: 480 } as const;

/** The part of BrowserWindow used here. */
export interface MainWindowLike {
  isDestroyed(): boolean;
  getBounds(): Rect;
  setBounds(bounds: Rect): void;
  setMinimumSize(width: number, height: number): void;
  setAlwaysOnTop(flag: boolean): void;
  /** `webContents.setZoomFactor` */
  setZoomFactor(factor: number): void;
}

export class MainWindowSettings {
  private applied: Partial<Pick<Settings, 'pinOnTop' | 'zoom' | 'view'>> = {};
  /** bounds before the Collapsed view, restored when leaving it */
  private normalBounds: Rect | undefined;

  /**
   * @param window the main window
   * @param workAreaOf the work area of the display showing `bounds` (`screen.getDisplayMatching(bounds).workArea`)
   */
  constructor(
    private readonly window: MainWindowLike,
    private readonly workAreaOf: (bounds: Rect) => Rect,
  ) {}

  apply(settings: Pick<Settings, 'pinOnTop' | 'zoom' | 'view'>): void {
    const w = this.window;
    if (w.isDestroyed()) return;
    if (this.applied.pinOnTop !== settings.pinOnTop) w.setAlwaysOnTop(settings.pinOnTop);
    if (this.applied.zoom !== settings.zoom) w.setZoomFactor(settings.zoom);
    if (this.applied.view !== settings.view) {
      if (settings.view === 'collapsed') {
        this.normalBounds ??= w.getBounds();
        const workArea = this.workAreaOf(w.getBounds());
        w.setMinimumSize(COLLAPSED_BAR_WIDTH, Math.min(MAIN_MIN_SIZE.height, workArea.height));
        w.setBounds(windowGeometry(workArea, { kind: 'collapsed' }));
      } else if (this.applied.view === 'collapsed') {
        w.setMinimumSize(MAIN_MIN_SIZE.width, MAIN_MIN_SIZE.height);
        if (this.normalBounds) w.setBounds(this.normalBounds);
        this.normalBounds = undefined;
      }
    }
    this.applied = { pinOnTop: settings.pinOnTop, zoom: settings.zoom, view: settings.view };
  }

  /** The bounds to remember for the next start: the normal ones, also while the Collapsed bar shows. */
  restorableBounds(): Rect | undefined {
    if (this.normalBounds) return { ...this.normalBounds };
    return this.window.isDestroyed() ? undefined : this.window.getBounds();
  }

  /** Dock: snap to the right edge of the window's display, full height, width kept. */
  dock(): void {
    const w = this.window;
    if (w.isDestroyed()) return;
    const bounds = w.getBounds();
    w.setBounds(windowGeometry(this.workAreaOf(bounds), { kind: 'dock', width: bounds.width }));
  }
}
