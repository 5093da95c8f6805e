/** Instant messages (public surface): stored once, visible to sender and recipient, pulled by revision. */
import type { ServerFeature } from '../../platform/server-feature';
import { registerMessageRoutes } from './message-routes';

export type * from './message-tables';
export {
  DEFAULT_MESSAGE_SEND_LIMIT,
  DEFAULT_MESSAGES_PAGE,
  MAX_MESSAGES_PAGE,
  MessageService,
  type MessageSendLimit,
  type MessageServiceDeps,
} from './message-service';
export { SIP_MESSAGE_PATH } from './sip-message-routes';
export { migration0016Messages } from './migrations/0016-messages';
export { migration0023MessageSipDelivery } from './migrations/0023-message-sip-delivery';
export { migration0027MessageHidden } from './migrations/0027-message-hidden';

/** POST /messages, GET /messages, POST /messages/read, POST /messages/delete. */
export const messagesFeature: ServerFeature = { name: 'messages', register: registerMessageRoutes };
