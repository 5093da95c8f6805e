import { describe, expect, it } from 'vitest';
import { MemoryPreferences } from '../../../src-main/core/platform/preferences/device-preferences';
import {
  MAIN_WINDOW_BOUNDS_KEY,
  restoreMainWindowBounds,
  saveMainWindowBounds,
} from '../../../src-main/shell/main-window-bounds';

const SCREEN = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT_SCREEN = { x: 1920, y: 0, width: 1280, height: 1000 };
const MIN = { width: 320, height: 480 };

describe('main window bounds (device preference)', () => {
  it('saves rounded bounds and restores them at the next start', () => {
    const prefs = new MemoryPreferences();
    saveMainWindowBounds(prefs, { x: 100.4, y: 50.6, width: 400, height: 700 });
    expect(prefs.read()).toEqual({ [MAIN_WINDOW_BOUNDS_KEY]: { x: 100, y: 51, width: 400, height: 700 } });
    expect(restoreMainWindowBounds(prefs, [SCREEN], MIN)).toEqual({ x: 100, y: 51, width: 400, height: 700 });
  });

  it('a window on a screen that is gone gets the default placement', () => {
    const prefs = new MemoryPreferences();
    saveMainWindowBounds(prefs, { x: 2200, y: 100, width: 400, height: 700 });
    expect(restoreMainWindowBounds(prefs, [SCREEN, RIGHT_SCREEN], MIN)).toMatchObject({ x: 2200 });
    expect(restoreMainWindowBounds(prefs, [SCREEN], MIN)).toBeUndefined();
  });

  it('keeps at least the minimum size and at most the screen', () => {
    const prefs = new MemoryPreferences({ [MAIN_WINDOW_BOUNDS_KEY]: { x: 0, y: 0, width: 10, height: 5000 } });
    expect(restoreMainWindowBounds(prefs, [SCREEN], MIN)).toEqual({ x: 0, y: 0, width: 320, height: 1040 });
  });

  it.each([undefined, 'x', null, { x: 1, y: 2, width: 0, height: 3 }, { x: 'a', y: 2, width: 3, height: 4 }])(
    'nothing usable saved (%j): the default placement',
    (saved) => {
      const prefs = new MemoryPreferences(saved === undefined ? {} : { [MAIN_WINDOW_BOUNDS_KEY]: saved });
      expect(restoreMainWindowBounds(prefs, [SCREEN], MIN)).toBeUndefined();
    },
  );

  it('does not write when nothing moved', () => {
    const writes: unknown[] = [];
    const prefs = new MemoryPreferences();
    const spy = { read: () => prefs.read(), write: (v: Record<string, unknown>) => (writes.push(v), prefs.write(v)) };
    saveMainWindowBounds(spy, { x: 1, y: 2, width: 400, height: 600 });
    saveMainWindowBounds(spy, { x: 1, y: 2, width: 400, height: 600 });
    expect(writes).toHaveLength(1);
  });
});
