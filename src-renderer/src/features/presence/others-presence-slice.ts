/**
 * Others' presence slice (SPEC B4): what the engine knows of the colleagues
 * on screen, by internal number, kept live by `presence.onDidChangeOthers`.
 * Components ask for the numbers they show (`watchPresence`, batched into
 * one presence.watch per burst); hidden users come as `visible: false`.
 */
import type { UcApi } from '../../../../src-preload/contract/ipc-contract';
import { MAX_WATCHED_PER_CALL, type PresenceOf } from '../../../../src-preload/contract/presence';
import type { SliceCreator } from '../../platform/store/app-state';

export interface OthersPresenceSlice {
  /** internal number → presence as that user lets us see it */
  othersPresence: Readonly<Record<string, PresenceOf>>;
  /** Shows these numbers: fetched if not known, followed from now on. */
  watchPresence(numbers: readonly string[]): void;
  othersPresenceChanged(change: { presences: PresenceOf[]; cleared?: boolean }): void;
}

declare module '../../platform/store/app-state' {
  interface AppState extends OthersPresenceSlice {}
}

/** Numbers asked within this window go in one presence.watch. */
const BATCH_MS = 16;

export function createOthersPresenceSlice(uc: UcApi): SliceCreator<OthersPresenceSlice> {
  return (set, get) => {
    const wanted = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const merge = (presences: readonly PresenceOf[]) => {
      if (presences.length === 0) return;
      const next = { ...get().othersPresence };
      for (const p of presences) next[p.number] = p;
      set({ othersPresence: next });
    };
    const flush = async () => {
      timer = undefined;
      const numbers = [...wanted];
      wanted.clear();
      for (let i = 0; i < numbers.length; i += MAX_WATCHED_PER_CALL) {
        const result = await uc.invoke('presence.watch', { numbers: numbers.slice(i, i + MAX_WATCHED_PER_CALL) });
        if (result.ok) merge(result.value);
      }
    };
    return {
      othersPresence: {},
      watchPresence(numbers) {
        for (const n of numbers) if (n !== '') wanted.add(n);
        if (wanted.size > 0 && timer === undefined) timer = setTimeout(() => void flush(), BATCH_MS);
      },
      othersPresenceChanged(change) {
        if (change.cleared) set({ othersPresence: {} });
        merge(change.presences);
      },
    };
  };
}
