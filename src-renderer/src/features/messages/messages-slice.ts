/**
 * Messages slice (SPEC E6): the Conversations list (one entry per peer,
 * newest first, unread counters) and the open conversation. Everything is
 * re-read from the engine's local cache when it says the messages changed.
 * An open conversation that receives a message marks it read at once — but
 * only while the user is looking (window visible and focused): a message
 * arriving while the window sits in the tray or behind others stays unread
 * (counter, tray badge, other devices) until the user comes back
 * ({@link MessagesSlice.userDidLook}, wired to focus / visibilitychange).
 */
import type { IpcErrorCode, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { ConversationView, MessagesChangeView, MessageView } from '../../../../src-preload/contract/messages';
import type { SliceCreator } from '../../platform/store/app-state';

export interface MessagesSlice {
  conversations: ConversationView[];
  conversationsLoaded: boolean;
  /** the peer whose conversation is open, or null */
  conversationPeer: string | null;
  /** the open conversation, oldest first */
  conversationMessages: MessageView[];
  /** why the last send failed (invalid-payload, not-logged-in …) */
  messageError: IpcErrorCode | null;
  refreshConversations(): Promise<void>;
  openConversation(peer: string): Promise<void>;
  closeConversation(): void;
  refreshConversation(): Promise<void>;
  /** Sends in the open conversation; true when the engine took it (sent or queued). */
  sendMessage(text: string): Promise<boolean>;
  messagesChanged(change: MessagesChangeView): void;
  /** The window became visible / focused again: the open conversation's new messages are read now. */
  userDidLook(): void;
}

declare module '../../platform/store/app-state' {
  interface AppState extends MessagesSlice {}
  interface MenuTabs {
    messages: true;
  }
}

/** What the messages slice needs from the page (tests pass fakes). */
export interface MessagesSliceDeps {
  /** true while the user can see the window: visible (not hidden in the tray, not minimized) and focused */
  isUserLooking?(): boolean;
}

/** The page is shown and has the focus; without a document (plain Node) nothing hides it. */
export function pageIsLookedAt(): boolean {
  if (typeof document === 'undefined') return true;
  return document.visibilityState === 'visible' && document.hasFocus();
}

/** Unread messages over every conversation (menu badge, list header). */
export function totalUnread(conversations: readonly ConversationView[]): number {
  return conversations.reduce((sum, c) => sum + c.unread, 0);
}

export function createMessagesSlice(uc: UcApi, deps: MessagesSliceDeps = {}): SliceCreator<MessagesSlice> {
  const isUserLooking = (): boolean => (deps.isUserLooking ? deps.isUserLooking() : pageIsLookedAt());
  return (set, get) => {
    const markReadIfOpen = (peer: string): void => {
      if (get().conversationPeer !== peer || !isUserLooking()) return;
      const unread = get().conversations.find((c) => c.peer === peer)?.unread ?? 0;
      if (unread > 0) void uc.invoke('messages.markRead', { peer });
    };
    return {
      conversations: [],
      conversationsLoaded: false,
      conversationPeer: null,
      conversationMessages: [],
      messageError: null,
      async refreshConversations() {
        const result = await uc.invoke('messages.listConversations', {});
        if (!result.ok) return;
        set({ conversations: result.value, conversationsLoaded: true });
        const peer = get().conversationPeer;
        if (peer !== null) markReadIfOpen(peer);
      },
      async openConversation(peer) {
        const state = get();
        state.setView('main');
        if (state.settings.view === 'menu') state.setMenuTab('messages');
        set({ conversationPeer: peer, conversationMessages: [], messageError: null });
        await get().refreshConversation();
        if (get().conversationPeer === peer) void uc.invoke('messages.markRead', { peer });
      },
      closeConversation() {
        set({ conversationPeer: null, conversationMessages: [], messageError: null });
      },
      async refreshConversation() {
        const peer = get().conversationPeer;
        if (peer === null) return;
        const result = await uc.invoke('messages.history', { peer });
        if (result.ok && get().conversationPeer === peer) set({ conversationMessages: result.value });
      },
      async sendMessage(text) {
        const peer = get().conversationPeer;
        if (peer === null || text.trim() === '') return false;
        set({ messageError: null });
        const result = await uc.invoke('messages.send', { peer, text });
        if (!result.ok) {
          set({ messageError: result.error.code });
          return false;
        }
        await get().refreshConversation();
        return true;
      },
      messagesChanged(change) {
        void get().refreshConversations();
        const peer = get().conversationPeer;
        if (peer !== null && (change.peers.length === 0 || change.peers.includes(peer)))
          void get().refreshConversation();
      },
      userDidLook() {
        const peer = get().conversationPeer;
        if (peer !== null) markReadIfOpen(peer);
      },
    };
  };
}
