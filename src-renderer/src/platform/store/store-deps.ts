/** Clock and timers the slices use (tests pass fakes). */
export interface StoreDeps {
  now(): number;
  setTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(handle: ReturnType<typeof setTimeout>): void;
  /** messages: is the user looking at the window (visible and focused)? Default: the page's own state. */
  isUserLooking?(): boolean;
}

export const DEFAULT_STORE_DEPS: StoreDeps = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};
