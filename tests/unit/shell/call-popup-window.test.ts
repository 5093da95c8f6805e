import { describe, expect, it } from 'vitest';
import type { Rect } from '../../../src-main/core/features/desktop/window/window-geometry';
import { CALL_POPUP_SIZE, CallPopupWindow, type PopupWindowLike } from '../../../src-main/shell/call-popup-window';

class FakePopupWindow implements PopupWindowLike {
  visible = false;
  destroyed = false;
  readonly calls: string[] = [];
  bounds: Rect | undefined;
  onTop: [boolean, string | undefined] | undefined;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    return this.visible;
  }
  showInactive(): void {
    this.calls.push('showInactive');
    this.visible = true;
  }
  /** must never be used: it takes the keyboard focus */
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
  }
  setBounds(bounds: Rect): void {
    this.bounds = bounds;
  }
  setAlwaysOnTop(flag: boolean, level?: 'screen-saver'): void {
    this.onTop = [flag, level];
  }
  setVisibleOnAllWorkspaces(): void {
    this.calls.push('allWorkspaces');
  }
}

const WORK_AREA = { x: 0, y: 0, width: 1920, height: 1040 };

describe('CallPopupWindow', () => {
  it('shows without focus at the bottom right, hides when the engine says so', () => {
    const window = new FakePopupWindow();
    const popup = new CallPopupWindow({ window, workArea: () => WORK_AREA, platform: 'linux' });
    expect(window.onTop).toEqual([true, undefined]);
    popup.apply({ visible: true, callId: 'c1' });
    expect(window.calls).toEqual(['showInactive']);
    expect(window.bounds).toMatchObject({ ...CALL_POPUP_SIZE });
    expect(window.bounds!.x + window.bounds!.width).toBeLessThanOrEqual(1920);
    expect(window.bounds!.x).toBeGreaterThan(1920 / 2);
    expect(window.bounds!.y).toBeGreaterThan(1040 / 2);
    expect(popup.callId).toBe('c1');
    // a second ringing call: repositioned, not shown again
    popup.apply({ visible: true, callId: 'c2' });
    popup.apply({ visible: false });
    expect(window.calls).toEqual(['showInactive', 'hide']);
    expect(window.calls).not.toContain('show');
    expect(window.calls).not.toContain('focus');
    expect(popup.callId).toBeUndefined();
  });

  it("uses the 'screen-saver' level on Windows and macOS (and all workspaces on macOS)", () => {
    const win = new FakePopupWindow();
    new CallPopupWindow({ window: win, workArea: () => WORK_AREA, platform: 'win32' });
    expect(win.onTop).toEqual([true, 'screen-saver']);
    const mac = new FakePopupWindow();
    new CallPopupWindow({ window: mac, workArea: () => WORK_AREA, platform: 'darwin' });
    expect(mac.onTop).toEqual([true, 'screen-saver']);
    expect(mac.calls).toContain('allWorkspaces');
  });

  it('follows a moved work area and ignores a destroyed window', () => {
    const window = new FakePopupWindow();
    let area = WORK_AREA;
    const popup = new CallPopupWindow({ window, workArea: () => area, platform: 'linux' });
    popup.apply({ visible: true, callId: 'c1' });
    area = { x: 1920, y: 0, width: 1280, height: 1024 };
    popup.apply({ visible: true, callId: 'c1' });
    expect(window.bounds!.x).toBeGreaterThan(1920);
    window.destroyed = true;
    popup.apply({ visible: false });
    expect(window.calls).toEqual(['showInactive']);
  });
});
