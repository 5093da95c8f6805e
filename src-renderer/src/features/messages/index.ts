/** Messages feature: conversations, the open conversation, unread counts, web notifications. See README.md. */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createMessagesSlice } from './messages-slice';

export { ConversationList } from './conversation-list';
export { ConversationOverlay } from './conversation-overlay';
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
  i18n: { en, fr },
};
