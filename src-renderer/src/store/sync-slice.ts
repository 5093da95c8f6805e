/**
 * Sync slice (SPEC K): the engine's sync state — pending outbox changes,
 * last applied revision, last sync time — pushed on `sync.onDidChange`.
 */
import type { StateCreator } from 'zustand';
import type { SyncState, UcApi } from '../../../src-preload/contract/ipc-contract';
import type { AppState } from './app-store';

export interface SyncSlice {
  sync: SyncState | null;
  setSync(state: SyncState): void;
  refreshSync(): Promise<void>;
}

export function createSyncSlice(uc: UcApi): StateCreator<AppState, [], [], SyncSlice> {
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
