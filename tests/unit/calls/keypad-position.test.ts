import { describe, expect, it } from 'vitest';
import {
  clampKeypadPosition,
  KEYPAD_BIG_STEP,
  KEYPAD_STEP,
  keypadArrowStep,
} from '../../../src-renderer/src/features/calls/keypad-position';

const box = { width: 220, height: 300 };
const viewport = { width: 800, height: 600 };

describe('clampKeypadPosition', () => {
  it('leaves a spot inside the window as it is (whole pixels)', () => {
    expect(clampKeypadPosition({ x: 100, y: 50 }, box, viewport)).toEqual({ x: 100, y: 50 });
    expect(clampKeypadPosition({ x: 100.4, y: 50.6 }, box, viewport)).toEqual({ x: 100, y: 51 });
  });

  it('pulls a spot past any edge back so the whole keypad shows', () => {
    expect(clampKeypadPosition({ x: -40, y: -1 }, box, viewport)).toEqual({ x: 0, y: 0 });
    expect(clampKeypadPosition({ x: 790, y: 590 }, box, viewport)).toEqual({ x: 580, y: 300 });
  });

  it('a window smaller than the keypad: its top-left corner stays visible', () => {
    expect(clampKeypadPosition({ x: 50, y: 50 }, box, { width: 200, height: 200 })).toEqual({ x: 0, y: 0 });
  });

  it('a spot stored on a bigger screen comes back inside a smaller window', () => {
    expect(clampKeypadPosition({ x: 1800, y: 1000 }, box, { width: 380, height: 640 })).toEqual({ x: 160, y: 340 });
  });
});

describe('keypadArrowStep', () => {
  it('moves by a small step, by a big one with Shift', () => {
    expect(keypadArrowStep('ArrowLeft', false)).toEqual({ x: -KEYPAD_STEP, y: 0 });
    expect(keypadArrowStep('ArrowRight', false)).toEqual({ x: KEYPAD_STEP, y: 0 });
    expect(keypadArrowStep('ArrowUp', true)).toEqual({ x: 0, y: -KEYPAD_BIG_STEP });
    expect(keypadArrowStep('ArrowDown', true)).toEqual({ x: 0, y: KEYPAD_BIG_STEP });
  });

  it('other keys do not move it', () => {
    expect(keypadArrowStep('Enter', false)).toBeUndefined();
    expect(keypadArrowStep('5', false)).toBeUndefined();
  });
});
