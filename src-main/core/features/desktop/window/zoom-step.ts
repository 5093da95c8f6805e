import { ZOOM_MAX, ZOOM_MIN } from '../../../../../src-preload/contract/ipc-contract';

/** One zoom-in / zoom-out step (SPEC A6). */
export const ZOOM_STEP = 0.1;

/** The zoom factor after a zoom command, clamped to {@link ZOOM_MIN}–{@link ZOOM_MAX}, one decimal. */
export function zoomStep(current: number, command: 'zoom-in' | 'zoom-out' | 'zoom-reset'): number {
  if (command === 'zoom-reset') return 1;
  const base = Number.isFinite(current) ? current : 1;
  const next = base + (command === 'zoom-in' ? ZOOM_STEP : -ZOOM_STEP);
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, Math.round(next * 10) / 10));
}
