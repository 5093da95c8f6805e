/**
 * The incoming popup's clock (SPEC F2): when the renderer first saw each call
 * ringing, and how long it has rung in the steps of the contract's
 * POPUP_TIMED_MS (5 s / 10 s). It ticks in the store (testable with fake
 * timers, no clock read in render); popup-visibility.ts decides from it.
 */
import { POPUP_TIMED_MS } from '../../../../../src-preload/contract/desktop';
import type { CallView } from '../../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../../platform/store/app-state';
import type { StoreDeps } from '../../../platform/store/store-deps';

export interface PopupSlice {
  /** when the renderer first saw each call ringing */
  ringingSeenAt: Record<string, number>;
  /** how long each call has been ringing, in the steps of POPUP_TIMED_MS (the popup 5 s / 10 s clock) */
  ringingElapsed: Record<string, number>;
  noteCalls(calls: CallView[]): void;
}

declare module '../../../platform/store/app-state' {
  interface AppState extends PopupSlice {}
}

export function createPopupSlice(deps: StoreDeps): SliceCreator<PopupSlice> {
  return (set, get) => ({
    ringingSeenAt: {},
    ringingElapsed: {},
    noteCalls(calls) {
      const seen = get().ringingSeenAt;
      const next: Record<string, number> = {};
      const fresh: string[] = [];
      for (const call of calls) {
        if (call.state !== 'ringing-in') continue;
        next[call.id] = seen[call.id] ?? deps.now();
        if (seen[call.id] === undefined) fresh.push(call.id);
      }
      if (fresh.length === 0 && Object.keys(seen).length === Object.keys(next).length) return;
      const elapsed = Object.fromEntries(Object.entries(get().ringingElapsed).filter(([id]) => id in next));
      set({ ringingSeenAt: next, ringingElapsed: elapsed });
      for (const id of fresh) {
        for (const ms of Object.values(POPUP_TIMED_MS)) {
          deps.setTimeout(() => {
            if (get().ringingSeenAt[id] === undefined) return;
            set({ ringingElapsed: { ...get().ringingElapsed, [id]: Math.max(ms, get().ringingElapsed[id] ?? 0) } });
          }, ms);
        }
      }
    },
  });
}
