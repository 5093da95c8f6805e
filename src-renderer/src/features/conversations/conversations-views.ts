/**
 * What the conversations feature shows in the app shell (issue #13): its Menu tab with the green
 * counter of unread events, the list, and the open conversation over the main view.
 */
import { MessagesSquare } from 'lucide-react';
import type { FeatureViews } from '../../platform/views/feature-views';
import { ConversationDetailsOverlay } from './conversation-details';
import { ConversationsList } from './conversations-list';
import { totalThreadUnread } from './conversations-slice';

export const conversationsViews: FeatureViews = {
  mainSections: [
    {
      id: 'conversations',
      order: 65,
      region: 'body',
      tabs: ['conversations'],
      // the List and Details views keep their own sections (favorites, messages, voicemail)
      inList: false,
      wrapper: 'main-conversations',
      Component: ConversationsList,
    },
  ],
  menuTabs: [
    {
      tab: 'conversations',
      order: 12,
      icon: MessagesSquare,
      badge: { testId: 'menu-conversations-unread', count: (s) => totalThreadUnread(s.threads) },
    },
  ],
  overlays: [{ id: 'conversation-details', order: 25, Component: ConversationDetailsOverlay }],
};
