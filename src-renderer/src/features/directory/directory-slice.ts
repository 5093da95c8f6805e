/**
 * Directory slice (SPEC C2, C3): the Search/Dial field's query, the directory
 * filter, the grouped results and the contact whose details are open.
 *
 * Searching is debounced ({@link SEARCH_DEBOUNCE_MS}) and every request carries
 * a sequence number: a response that is not the latest one is dropped, so a
 * slow answer for "mu" never overwrites the one for "mul".
 */
import type {
  DirectoryEntryView,
  DirectorySearchResult,
  DirectorySource,
  IpcErrorCode,
  UcApi,
} from '../../../../src-preload/contract/ipc-contract';
import { isNameQuery, isNumberQuery } from './search-items';
import type { SliceCreator } from '../../platform/store/app-state';
import type { StoreDeps } from '../../platform/store/store-deps';

export const SEARCH_DEBOUNCE_MS = 80;
/** entries asked per search; the list shows "n more" beyond it (no huge DOM lists) */
export const SEARCH_LIMIT = 50;
export type DirectoryFilter = DirectorySource | 'all';

// the field's rules live with the other Search/Dial rules; re-exported for the slice's users
export { isNameQuery, isNumberQuery };

export interface DirectorySlice {
  searchQuery: string;
  searchFilter: DirectoryFilter;
  searchResults: DirectorySearchResult | null;
  searching: boolean;
  searchError: IpcErrorCode | null;
  /** contact whose details panel is open */
  selectedEntry: DirectoryEntryView | null;
  selectedError: IpcErrorCode | null;
  setSearchQuery(query: string): void;
  setSearchFilter(filter: DirectoryFilter): void;
  /** runs the search for the current query and filter now */
  runSearch(): Promise<void>;
  clearSearch(): void;
  openEntry(entry: DirectoryEntryView | string): Promise<void>;
  closeEntry(): void;
  /** the cache changed: re-run the search and re-read the open contact */
  refreshDirectory(): Promise<void>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends DirectorySlice {}
  interface MenuTabs {
    contacts: true;
  }
}

export function createDirectorySlice(uc: UcApi, deps: StoreDeps): SliceCreator<DirectorySlice> {
  return (set, get) => {
    let seq = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancelTimer = () => {
      if (timer !== undefined) deps.clearTimeout(timer);
      timer = undefined;
    };
    const schedule = () => {
      cancelTimer();
      const query = get().searchQuery;
      if (!isNameQuery(query)) {
        // a number or nothing: no directory search, and a late answer must not show up
        seq++;
        set({ searchResults: null, searching: false, searchError: null });
        return;
      }
      set({ searching: true });
      timer = deps.setTimeout(() => {
        timer = undefined;
        void get().runSearch();
      }, SEARCH_DEBOUNCE_MS);
    };
    return {
      searchQuery: '',
      searchFilter: 'all',
      searchResults: null,
      searching: false,
      searchError: null,
      selectedEntry: null,
      selectedError: null,

      setSearchQuery(query) {
        if (query === get().searchQuery) return;
        set({ searchQuery: query });
        schedule();
      },
      setSearchFilter(filter) {
        if (filter === get().searchFilter) return;
        set({ searchFilter: filter });
        schedule();
      },
      async runSearch() {
        cancelTimer();
        const { searchQuery: query, searchFilter: filter } = get();
        const mine = ++seq;
        if (!isNameQuery(query)) {
          set({ searchResults: null, searching: false, searchError: null });
          return;
        }
        set({ searching: true });
        const result = await uc.invoke('directory.search', {
          query: query.trim(),
          limit: SEARCH_LIMIT,
          ...(filter === 'all' ? {} : { source: filter }),
        });
        if (mine !== seq) return;
        set(
          result.ok
            ? { searchResults: result.value, searching: false, searchError: null }
            : { searching: false, searchError: result.error.code },
        );
      },
      clearSearch() {
        cancelTimer();
        seq++;
        set({ searchQuery: '', searchResults: null, searching: false, searchError: null });
      },
      async openEntry(entry) {
        const id = typeof entry === 'string' ? entry : entry.id;
        // show what we have at once, then the full entry
        if (typeof entry !== 'string') set({ selectedEntry: entry, selectedError: null });
        const result = await uc.invoke('directory.get', { id });
        // the user may have closed it or opened another one meanwhile
        const current = get().selectedEntry;
        if (typeof entry !== 'string' && current?.id !== id) return;
        if (result.ok) set({ selectedEntry: result.value, selectedError: null });
        else set({ selectedError: result.error.code });
      },
      closeEntry() {
        set({ selectedEntry: null, selectedError: null });
      },
      async refreshDirectory() {
        const open = get().selectedEntry;
        const search = isNameQuery(get().searchQuery) ? get().runSearch() : Promise.resolve();
        if (open) {
          const result = await uc.invoke('directory.get', { id: open.id });
          if (get().selectedEntry?.id === open.id) {
            if (result.ok) set({ selectedEntry: result.value });
            // deleted elsewhere (another client, sync): the panel closes
            else if (result.error.code === 'not-found') set({ selectedEntry: null });
          }
        }
        await search;
      },
    };
  };
}
