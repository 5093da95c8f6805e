/**
 * Journal slice: the call history, re-read whenever the engine says it changed.
 */
import type { StateCreator } from 'zustand';
import type { JournalEntry, UcApi } from '../../../src-preload/contract/ipc-contract';
import type { AppState } from './app-store';

/** History rows kept in memory; the list shows the newest first. */
export const JOURNAL_LIMIT = 200;

export interface JournalSlice {
  journal: JournalEntry[];
  journalLoaded: boolean;
  refreshJournal(): Promise<void>;
}

export function createJournalSlice(uc: UcApi): StateCreator<AppState, [], [], JournalSlice> {
  return (set) => ({
    journal: [],
    journalLoaded: false,
    async refreshJournal() {
      const result = await uc.invoke('journal.list', { limit: JOURNAL_LIMIT });
      if (result.ok) {
        const sorted = [...result.value].sort((a, b) => b.startedAt - a.startedAt);
        set({ journal: sorted, journalLoaded: true });
      }
    },
  });
}
