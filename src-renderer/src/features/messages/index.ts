/** Messages feature: conversations, the open conversation, unread counts, web notifications. See README.md. */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { messagesViews } from './messages-views';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { notifyMessages } from './message-notifier';
import { createMessagesSlice, pageIsLookedAt } from './messages-slice';

export { ConversationHead } from './conversation-head';
export { MessageComposer } from './message-composer';
export { MESSAGE_FAILURE_CODES, messageFailureKey } from './message-failure';
export { newlyReceived, notifyMessages, type MessageNotifierDeps } from './message-notifier';
export { pageIsLookedAt, totalUnread, type MessagesSlice } from './messages-slice';

export const messagesFeature: RendererFeature = {
  id: 'messages',
  slices: ({ uc, deps }) => [createMessagesSlice(uc, deps)],
  events: (uc, store) => [uc.on('messages.onDidChange', (change) => store.getState().messagesChanged(change))],
  load: (s) => void s.refreshConversations(),
  sessionCleared: {
    conversations: [],
    conversationsLoaded: false,
    conversationPeer: null,
    conversationMessages: [],
    messageError: null,
  },
  // a message received unless that conversation is being looked at; the first load after (re)connecting is history, not news
  webNotify: (previous, state, browser, store) => {
    if (state.conversations === previous.conversations || !previous.conversationsLoaded) return;
    notifyMessages(previous.conversations, state.conversations, {
      ...browser,
      // same test as the slice's mark-read: an open conversation behind other windows is not "showing"
      isShowing: (peer) => pageIsLookedAt() && store.getState().conversationPeer === peer,
      openConversation: (peer) => void store.getState().openConversation(peer),
    });
  },
  i18n: { en, fr },
  views: messagesViews,
};
