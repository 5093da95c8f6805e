import { describe, expect, it } from 'vitest';
import {
  COLLAPSED_BAR_WIDTH,
  POPUP_MARGIN,
  windowGeometry,
} from '../../../../src-main/core/features/desktop/window/window-geometry';
import { zoomStep } from '../../../../src-main/core/features/desktop/window/zoom-step';

const FULL_HD = { x: 0, y: 0, width: 1920, height: 1040 }; // 40 px task bar at the bottom
const SECOND = { x: 1920, y: 25, width: 1280, height: 775 }; // menu bar on top, right of the first

describe('windowGeometry', () => {
  it('popup: bottom-right of the work area with a margin', () => {
    expect(windowGeometry(FULL_HD, { kind: 'popup', width: 340, height: 150 })).toEqual({
      x: 1920 - 340 - POPUP_MARGIN,
      y: 1040 - 150 - POPUP_MARGIN,
      width: 340,
      height: 150,
    });
    const r = windowGeometry(SECOND, { kind: 'popup', width: 340, height: 150 });
    expect(r.x + r.width).toBe(1920 + 1280 - POPUP_MARGIN);
    expect(r.y + r.height).toBe(25 + 775 - POPUP_MARGIN);
  });

  it('popup larger than a tiny work area is clamped inside it', () => {
    const r = windowGeometry({ x: 10, y: 20, width: 200, height: 100 }, { kind: 'popup', width: 340, height: 150 });
    expect(r).toEqual({ x: 10, y: 20, width: 200, height: 100 });
  });

  it('collapsed: a 48 px bar at the right edge, full work-area height', () => {
    expect(COLLAPSED_BAR_WIDTH).toBe(48);
    expect(windowGeometry(FULL_HD, { kind: 'collapsed' })).toEqual({ x: 1872, y: 0, width: 48, height: 1040 });
    expect(windowGeometry(SECOND, { kind: 'collapsed' })).toEqual({ x: 3152, y: 25, width: 48, height: 775 });
  });

  it('dock: snapped to the right edge, width kept, full height', () => {
    expect(windowGeometry(FULL_HD, { kind: 'dock', width: 380 })).toEqual({ x: 1540, y: 0, width: 380, height: 1040 });
    expect(windowGeometry(SECOND, { kind: 'dock', width: 5000 })).toEqual(SECOND);
  });

  it('rounds fractional (scaled) work areas to integers', () => {
    const r = windowGeometry({ x: 0.4, y: 0.6, width: 1536.5, height: 816.2 }, { kind: 'dock', width: 380.7 });
    for (const v of Object.values(r)) expect(Number.isInteger(v)).toBe(true);
  });
});

describe('zoomStep', () => {
  it('steps by 0.1 within 0.5–2 and resets to 1', () => {
    expect(zoomStep(1, 'zoom-in')).toBe(1.1);
    expect(zoomStep(1.1, 'zoom-out')).toBe(1);
    expect(zoomStep(2, 'zoom-in')).toBe(2);
    expect(zoomStep(0.5, 'zoom-out')).toBe(0.5);
    expect(zoomStep(1.7, 'zoom-reset')).toBe(1);
    expect(zoomStep(Number.NaN, 'zoom-in')).toBe(1.1);
  });

  it('never drifts: ten steps in and ten out come back to 1', () => {
    let z = 1;
    for (let i = 0; i < 10; i++) z = zoomStep(z, 'zoom-in');
    expect(z).toBe(2);
    for (let i = 0; i < 10; i++) z = zoomStep(z, 'zoom-out');
    expect(z).toBe(1);
  });
});
