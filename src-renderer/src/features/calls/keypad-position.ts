/**
 * Where the movable keypad (SPEC F3) may sit: pure geometry, so the drag, the
 * arrow keys and a position restored from the settings all keep it inside
 * the window the same way.
 */
import type { KeypadPosition } from '../../../../src-preload/contract/settings';

export interface Size {
  width: number;
  height: number;
}

/** One arrow-key step, px; with Shift, {@link KEYPAD_BIG_STEP}. */
export const KEYPAD_STEP = 10;
export const KEYPAD_BIG_STEP = 50;

/**
 * `pos` moved the least needed for a box of `box` size to lie inside
 * `viewport` (top-left wins when the box is larger than the window), in
 * whole pixels (the settings schema takes integers).
 */
export function clampKeypadPosition(pos: KeypadPosition, box: Size, viewport: Size): KeypadPosition {
  const maxX = Math.max(0, viewport.width - box.width);
  const maxY = Math.max(0, viewport.height - box.height);
  return {
    x: Math.round(Math.min(Math.max(0, pos.x), maxX)),
    y: Math.round(Math.min(Math.max(0, pos.y), maxY)),
  };
}

/**
 * The offset an arrow key on the keypad's header moves it by, or undefined
 * for any other key.
 */
export function keypadArrowStep(key: string, shift: boolean): KeypadPosition | undefined {
  const step = shift ? KEYPAD_BIG_STEP : KEYPAD_STEP;
  switch (key) {
    case 'ArrowLeft':
      return { x: -step, y: 0 };
    case 'ArrowRight':
      return { x: step, y: 0 };
    case 'ArrowUp':
      return { x: 0, y: -step };
    case 'ArrowDown':
      return { x: 0, y: step };
    default:
      return undefined;
  }
}
