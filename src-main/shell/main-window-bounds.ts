/**
 * The main window's position and size, remembered per device (SPEC A6; issue
 * 8: window geometry is read before anyone logs in, so it is a device
 * preference, not a user's). No `electron` import: desktop-shell.ts passes the
 * displays' work areas and the window's bounds.
 */
import type { Rect } from '../core/features/desktop';
import type { DevicePreferences } from '../core/platform/preferences/device-preferences';

/** Device-preferences key of the main window bounds. */
export const MAIN_WINDOW_BOUNDS_KEY = 'mainWindowBounds';

/** How much of the window must be on a display to restore it there: enough to grab its title bar. */
const MIN_VISIBLE_PX = 48;

/**
 * The saved bounds, if they are usable on the displays there are now: at
 * least `min` in size, no larger than the display they are on, and still
 * showing on one (a laptop away from its second screen gets the default
 * placement instead of a window out of reach).
 */
export function restoreMainWindowBounds(
  preferences: DevicePreferences,
  workAreas: readonly Rect[],
  min: { width: number; height: number },
): Rect | undefined {
  const saved = preferences.read()[MAIN_WINDOW_BOUNDS_KEY];
  if (!isRect(saved)) return undefined;
  const grown = { ...saved, width: Math.max(saved.width, min.width), height: Math.max(saved.height, min.height) };
  const area = workAreas.find((a) => overlap(a, grown) >= MIN_VISIBLE_PX);
  if (!area) return undefined;
  return { ...grown, width: Math.min(grown.width, area.width), height: Math.min(grown.height, area.height) };
}

/** Remembers the bounds (the normal ones: not the Collapsed bar, see MainWindowSettings.restorableBounds). */
export function saveMainWindowBounds(preferences: DevicePreferences, bounds: Rect): void {
  if (!isRect(bounds)) return;
  const rounded = {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
  };
  if (JSON.stringify(preferences.read()[MAIN_WINDOW_BOUNDS_KEY]) === JSON.stringify(rounded)) return;
  preferences.write({ [MAIN_WINDOW_BOUNDS_KEY]: rounded });
}

function isRect(value: unknown): value is Rect {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return (
    [r.x, r.y, r.width, r.height].every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1e6) &&
    (r.width as number) > 0 &&
    (r.height as number) > 0
  );
}

/** The smaller side of the intersection of two rectangles (0 when they do not meet). */
function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return Math.max(0, Math.min(w, h));
}
