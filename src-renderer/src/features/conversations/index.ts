/** Conversations feature (SPEC E1–E5, issue #13): calls, messages and voicemails per contact. See README.md. */
// a feature brings its own styles: no edit in app/styles.css
import './conversations.css';
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { createConversationsSlice, NO_THREAD_FILTER } from './conversations-slice';
import { conversationsViews } from './conversations-views';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

export { ConversationsList } from './conversations-list';
export { totalThreadUnread, type ConversationsSlice } from './conversations-slice';

export const conversationsFeature: RendererFeature = {
  id: 'conversations',
  slices: ({ uc }) => [createConversationsSlice(uc)],
  // calls (the server's history), messages and voicemails each say when they changed
  events: (uc, store) => [
    uc.on('conversations.onDidChange', () => store.getState().threadsChanged()),
    uc.on('messages.onDidChange', () => store.getState().threadsChanged()),
    uc.on('voicemail.onDidChange', () => store.getState().threadsChanged()),
  ],
  load: (s) => void s.refreshThreads(),
  sessionCleared: {
    threads: [],
    threadsLoaded: false,
    threadPeer: null,
    threadEvents: [],
    threadError: null,
    threadFilter: NO_THREAD_FILTER,
    threadRows: [],
  },
  i18n: { en, fr },
  views: conversationsViews,
};
