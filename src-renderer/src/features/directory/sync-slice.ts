/**
 * Sync slice (SPEC K): the engine's sync state — pending outbox changes,
 * last applied revision, last sync time — pushed on `sync.onDidChange`.
 */
import type { SyncState, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../platform/store/app-state';

export interface SyncSlice {
  sync: SyncState | null;
  setSync(state: SyncState): void;
  refreshSync(): Promise<void>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends SyncSlice {}
}

export function createSyncSlice(uc: UcApi): SliceCreator<SyncSlice> {
  return (set) => ({
    sync: null,
    setSync(state) {
      set({ sync: state });
    },
    async refreshSync() {
      const result = await uc.invoke('sync.getState', {});
      if (result.ok) set({ sync: result.value });
    },
  });
}
