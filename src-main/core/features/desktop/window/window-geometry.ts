/**
 * Window placement as pure functions of the display's work area (the screen
 * minus task bars / the menu bar), so the Electron shell only reads
 * `screen.getPrimaryDisplay().workArea` and applies the result.
 */
import { assertNever } from '../../../../../src-preload/contract/platform/assert-never';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Width of the Collapsed view's bar (SPEC A6: a bar docked at a screen edge). */
export const COLLAPSED_BAR_WIDTH = 48;
/** Gap between the call popup and the work area's corner. */
export const POPUP_MARGIN = 12;

/** Where a window of `size` goes, by purpose. */
export type WindowPlacement =
  /** the incoming-call popup: bottom-right corner of the work area (SPEC F2) */
  | { kind: 'popup'; width: number; height: number }
  /** Collapsed view: a slim bar at the right edge, full work-area height */
  | { kind: 'collapsed' }
  /** Dock: the window snapped to the right edge, full work-area height, its width kept */
  | { kind: 'dock'; width: number };

/** Bounds (integers, inside the work area) for a placement. */
export function windowGeometry(workArea: Rect, placement: WindowPlacement): Rect {
  const area = {
    x: Math.round(workArea.x),
    y: Math.round(workArea.y),
    width: Math.max(1, Math.round(workArea.width)),
    height: Math.max(1, Math.round(workArea.height)),
  };
  const right = area.x + area.width;
  const bottom = area.y + area.height;
  switch (placement.kind) {
    case 'popup': {
      const width = clamp(Math.round(placement.width), 1, area.width);
      const height = clamp(Math.round(placement.height), 1, area.height);
      const margin = Math.min(POPUP_MARGIN, area.width - width, area.height - height);
      return { x: right - width - Math.max(0, margin), y: bottom - height - Math.max(0, margin), width, height };
    }
    case 'collapsed': {
      const width = Math.min(COLLAPSED_BAR_WIDTH, area.width);
      return { x: right - width, y: area.y, width, height: area.height };
    }
    case 'dock': {
      const width = clamp(Math.round(placement.width), 1, area.width);
      return { x: right - width, y: area.y, width, height: area.height };
    }
    default:
      return assertNever(placement, 'unknown window placement');
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
}
