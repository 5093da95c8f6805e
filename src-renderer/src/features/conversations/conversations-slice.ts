/**
 * Conversations slice (SPEC E1–E3, issue #13): the engine's merged conversations (calls, messages,
 * voicemails per contact), the open one's history, reading (clears its counter on every device) and
 * deleting (one event, a conversation, all).
 */
import type {
  ConversationEventView,
  ConversationRowView,
  ConversationSummaryView,
  ConversationsDeletePayload,
  ConversationsFilter,
} from '../../../../src-preload/contract/conversations';
import type { IpcErrorCode, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../platform/store/app-state';

/** The filter of the Conversations tab (E5): a direction class and a month (`YYYY-MM`, '' = any). */
export interface ThreadFilter {
  direction: 'all' | 'placed' | 'received' | 'missed';
  month: string;
}

export const NO_THREAD_FILTER: ThreadFilter = { direction: 'all', month: '' };

/** Whether the filter narrows anything (then the tab lists events, not contacts). */
export function isFiltering(filter: ThreadFilter): boolean {
  return filter.direction !== 'all' || filter.month !== '';
}

/** The engine's filter: the month as [first instant, first instant of the next month) in local time. */
export function engineFilter(filter: ThreadFilter): ConversationsFilter {
  const match = /^(\d{4})-(\d{2})$/.exec(filter.month);
  if (match === null) return { direction: filter.direction };
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  return {
    direction: filter.direction,
    from: new Date(year, month, 1).getTime(),
    to: new Date(year, month + 1, 1).getTime(),
  };
}

export interface ConversationsSlice {
  /** one entry per contact, newest first */
  threads: ConversationSummaryView[];
  threadsLoaded: boolean;
  /** the contact whose conversation is open, or null */
  threadPeer: string | null;
  /** its history, oldest first */
  threadEvents: ConversationEventView[];
  threadError: IpcErrorCode | null;
  threadFilter: ThreadFilter;
  /** the events the filter lets through, newest first (while filtering) */
  threadRows: ConversationRowView[];
  setThreadFilter(filter: ThreadFilter): Promise<void>;
  /** every event of the current filter (all without one), for the export */
  threadRowsForExport(): Promise<ConversationRowView[] | null>;
  refreshThreads(): Promise<void>;
  openThread(peer: string): Promise<void>;
  closeThread(): void;
  /** something changed in the engine: reload the list (and the open conversation) */
  threadsChanged(): void;
  deleteFromThreads(target: ConversationsDeletePayload): Promise<boolean>;
  /** sends a message to the open conversation's colleague; true when the engine took it */
  sendThreadMessage(text: string): Promise<boolean>;
  /** saves a bare number as a personal contact (C4); true when saved */
  saveThreadContact(peer: string, name: string | undefined): Promise<boolean>;
  /** a voicemail's audio as a data: URL, or null */
  threadVoicemailAudio(id: string): Promise<string | null>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends ConversationsSlice {}
  interface MenuTabs {
    conversations: true;
  }
}

/** Unread events of every conversation (the tab's green counter). */
export function totalThreadUnread(threads: readonly ConversationSummaryView[]): number {
  return threads.reduce((n, t) => n + t.unread, 0);
}

export function createConversationsSlice(uc: UcApi): SliceCreator<ConversationsSlice> {
  return (set, get) => {
    const loadThread = async (peer: string): Promise<void> => {
      const result = await uc.invoke('conversations.history', { peer });
      if (get().threadPeer !== peer) return;
      if (result.ok) set({ threadEvents: result.value });
      else set({ threadError: result.error.code });
    };
    return {
      threads: [],
      threadsLoaded: false,
      threadPeer: null,
      threadEvents: [],
      threadError: null,
      threadFilter: NO_THREAD_FILTER,
      threadRows: [],
      async refreshThreads() {
        const result = await uc.invoke('conversations.list', {});
        if (result.ok) set({ threads: result.value, threadsLoaded: true });
        const filter = get().threadFilter;
        if (isFiltering(filter)) {
          const rows = await uc.invoke('conversations.events', engineFilter(filter));
          if (rows.ok && get().threadFilter === filter) set({ threadRows: rows.value });
        }
      },
      async setThreadFilter(filter) {
        set({ threadFilter: filter, threadRows: [] });
        await get().refreshThreads();
      },
      async threadRowsForExport() {
        const result = await uc.invoke('conversations.events', engineFilter(get().threadFilter));
        if (!result.ok) {
          set({ threadError: result.error.code });
          return null;
        }
        return result.value;
      },
      async openThread(peer) {
        set({ threadPeer: peer, threadEvents: [], threadError: null });
        await loadThread(peer);
        // reading the conversation clears its counter here and on the other devices
        if (get().threads.find((t) => t.peer === peer)?.unread) await uc.invoke('conversations.markRead', { peer });
      },
      closeThread() {
        set({ threadPeer: null, threadEvents: [], threadError: null });
      },
      threadsChanged() {
        void get().refreshThreads();
        const peer = get().threadPeer;
        if (peer !== null) void loadThread(peer);
      },
      async sendThreadMessage(text) {
        const peer = get().threadPeer;
        if (peer === null || text.trim() === '') return false;
        const result = await uc.invoke('messages.send', { peer, text });
        if (!result.ok) set({ threadError: result.error.code });
        return result.ok;
      },
      async saveThreadContact(peer, name) {
        const result = await uc.invoke('contacts.create', { fields: { lastName: name ?? peer, business: peer } });
        if (!result.ok) set({ threadError: result.error.code });
        return result.ok;
      },
      async threadVoicemailAudio(id) {
        const result = await uc.invoke('voicemail.getAudio', { id });
        return result.ok ? result.value.dataUrl : null;
      },
      async deleteFromThreads(target) {
        const result = await uc.invoke('conversations.delete', target);
        if (!result.ok) {
          set({ threadError: result.error.code });
          return false;
        }
        if (!('eventId' in target) && get().threadPeer !== null) get().closeThread();
        get().threadsChanged();
        return true;
      },
    };
  };
}
