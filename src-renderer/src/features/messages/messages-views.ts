/**
 * What the messages feature shows in the app shell: the conversations (Menu
 * tab Messages), the unread counter beside the user's name, the open
 * conversation.
 */
import type { FeatureViews } from '../../platform/views/feature-views';
import { ConversationList } from './conversation-list';
import { ConversationOverlay } from './conversation-overlay';
import { totalUnread } from './messages-slice';

export const messagesViews: FeatureViews = {
  mainSections: [
    {
      id: 'messages',
      order: 60,
      region: 'body',
      tabs: ['messages'],
      wrapper: 'main-messages',
      Component: ConversationList,
    },
  ],
  menuTabs: [
    {
      tab: 'messages',
      order: 20,
      icon: 'message',
      badge: { testId: 'menu-messages-unread', count: (s) => totalUnread(s.conversations) },
    },
  ],
  headerCounters: [
    {
      id: 'unread',
      order: 20,
      icon: 'message',
      count: (s) => totalUnread(s.conversations),
      labelKey: 'counters.unread',
      open: (s) => {
        const peer = s.conversations.find((c) => c.unread > 0)?.peer;
        if (peer !== undefined) void s.openConversation(peer);
      },
    },
  ],
  overlays: [{ id: 'conversation', order: 20, Component: ConversationOverlay }],
};
