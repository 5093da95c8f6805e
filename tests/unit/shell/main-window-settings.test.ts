import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../src-preload/contract/ipc-contract';
import type { Rect } from '../../../src-main/core/features/desktop/window/window-geometry';
import { MAIN_MIN_SIZE, MainWindowSettings, type MainWindowLike } from '../../../src-main/shell/main-window-settings';

const WORK_AREA = { x: 0, y: 0, width: 1920, height: 1040 };

class FakeMainWindow implements MainWindowLike {
  bounds: Rect = { x: 100, y: 100, width: 380, height: 640 };
  minSize: [number, number] = [MAIN_MIN_SIZE.width, MAIN_MIN_SIZE.height];
  onTop = false;
  zoom = 1;
  readonly log: string[] = [];
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  setBounds(bounds: Rect): void {
    this.bounds = { ...bounds };
    this.log.push('setBounds');
  }
  setMinimumSize(width: number, height: number): void {
    this.minSize = [width, height];
  }
  setAlwaysOnTop(flag: boolean): void {
    this.onTop = flag;
    this.log.push(`onTop:${flag}`);
  }
  setZoomFactor(factor: number): void {
    this.zoom = factor;
    this.log.push(`zoom:${factor}`);
  }
}

const settings = (extra: Partial<Pick<Settings, 'pinOnTop' | 'zoom' | 'view'>> = {}) => ({
  pinOnTop: false,
  zoom: 1,
  view: 'list' as Settings['view'],
  ...extra,
});

describe('MainWindowSettings', () => {
  it('applies pin and zoom, only when they change', () => {
    const window = new FakeMainWindow();
    const apply = new MainWindowSettings(window, () => WORK_AREA);
    apply.apply(settings());
    apply.apply(settings());
    apply.apply(settings({ pinOnTop: true, zoom: 1.3 }));
    expect(window.log).toEqual(['onTop:false', 'zoom:1', 'onTop:true', 'zoom:1.3']);
  });

  it('Collapsed: a 48 px bar at the right edge; leaving it restores the bounds and minimum size', () => {
    const window = new FakeMainWindow();
    const apply = new MainWindowSettings(window, () => WORK_AREA);
    apply.apply(settings());
    apply.apply(settings({ view: 'collapsed' }));
    expect(window.bounds).toEqual({ x: 1872, y: 0, width: 48, height: 1040 });
    expect(window.minSize[0]).toBe(48);
    apply.apply(settings({ view: 'collapsed', zoom: 1.1 })); // other change: the bar stays
    expect(window.bounds.width).toBe(48);
    apply.apply(settings({ view: 'details' }));
    expect(window.bounds).toEqual({ x: 100, y: 100, width: 380, height: 640 });
    expect(window.minSize).toEqual([320, 480]);
  });

  it('Dock snaps to the right edge keeping the width; a destroyed window is left alone', () => {
    const window = new FakeMainWindow();
    const apply = new MainWindowSettings(window, () => WORK_AREA);
    apply.dock();
    expect(window.bounds).toEqual({ x: 1540, y: 0, width: 380, height: 1040 });
    window.destroyed = true;
    window.log.length = 0;
    apply.dock();
    apply.apply(settings({ pinOnTop: true }));
    expect(window.log).toEqual([]);
  });

  it('remembers the normal bounds, also while the Collapsed bar shows', () => {
    const window = new FakeMainWindow();
    const apply = new MainWindowSettings(window, () => WORK_AREA);
    expect(apply.restorableBounds()).toEqual({ x: 100, y: 100, width: 380, height: 640 });
    apply.apply(settings({ view: 'collapsed' }));
    expect(window.bounds.width).toBe(48);
    expect(apply.restorableBounds()).toEqual({ x: 100, y: 100, width: 380, height: 640 });
    apply.apply(settings({ view: 'list' }));
    window.destroyed = true;
    expect(apply.restorableBounds()).toBeUndefined();
  });
});
