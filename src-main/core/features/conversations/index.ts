/** Conversations (public surface): calls, messages and voicemails per contact (issue #13). */
export { ConversationsFeature, type ConversationsFeatureOptions } from './conversations-feature';
export { CallHistoryCache, type CallHistoryCacheOptions } from './call-history-cache';
export { CallHistoryApi, type CallHistoryTransport } from './call-history-api';
export {
  summarizeConversations,
  conversationHistory,
  filteredEvents,
  matchesFilter,
  type ConversationSources,
} from './merge-conversations';
export { journalFromRecords } from './journal-from-records';
export { conversationsMigrations } from './migrations';
