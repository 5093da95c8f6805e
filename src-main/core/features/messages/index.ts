/** The messages domain (see README.md): instant messages, their cache, outbox and unread counts. */
export { MessagesFeature, type MessagesFeatureOptions } from './messages-feature';
export { MessagesApi } from './messages-api';
export {
  InvalidMessageError,
  MessageService,
  type MessageTransport,
  type ReceivedMessageNotice,
} from './message-service';
export { MessageStore } from './message-store';
export { messagesMigrations } from './migrations';
