/**
 * Journal slice: the call history, re-read whenever the engine says it changed.
 */
import type { JournalEntry, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../platform/store/app-state';

/** History rows kept in memory; the list shows the newest first. */
export const JOURNAL_LIMIT = 200;

export interface JournalSlice {
  journal: JournalEntry[];
  journalLoaded: boolean;
  /** a journal row shown in the Details pane */
  selectedJournalId: number | null;
  selectJournalEntry(id: number | null): void;
  refreshJournal(): Promise<void>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends JournalSlice {}
}

export function createJournalSlice(uc: UcApi): SliceCreator<JournalSlice> {
  return (set) => ({
    journal: [],
    journalLoaded: false,
    selectedJournalId: null,
    selectJournalEntry(id) {
      set({ selectedJournalId: id });
    },
    async refreshJournal() {
      const result = await uc.invoke('journal.list', { limit: JOURNAL_LIMIT });
      if (result.ok) {
        const sorted = [...result.value].sort((a, b) => b.startedAt - a.startedAt);
        set({ journal: sorted, journalLoaded: true });
      }
    },
  });
}
