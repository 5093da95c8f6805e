import {
  messageSendResponseSchema,
  messagesReadResponseSchema,
  messagesResponseSchema,
  type MessageSend,
  type MessageSendResponse,
  type MessagesDelete,
  type MessagesRead,
  type MessagesReadResponse,
  type MessagesResponse,
} from '../../../../src-preload/contract/messages/messages-http';
import type { UcHttpClient } from '../../platform/uc/uc-http-client';
import type { MessageTransport } from './message-service';

/** The instant-message calls to the UC server (SPEC E6). */
export class MessagesApi implements MessageTransport {
  constructor(private readonly http: UcHttpClient) {}

  /** POST /messages with an Idempotency-Key (a resend with the same key stores nothing new). */
  sendMessage(body: MessageSend, idempotencyKey: string): Promise<MessageSendResponse> {
    return this.http.request('POST', '/messages', { body, idempotencyKey }, messageSendResponseSchema);
  }

  /** GET /messages?since=&limit=: the account's messages (both directions) changed after `since`. */
  messages(since: number, limit: number): Promise<MessagesResponse> {
    const query = `since=${encodeURIComponent(String(since))}&limit=${encodeURIComponent(String(limit))}`;
    return this.http.request('GET', `/messages?${query}`, {}, messagesResponseSchema);
  }

  /** POST /messages/read: the peer's messages up to `upTo` become read on every device. */
  markMessagesRead(body: MessagesRead): Promise<MessagesReadResponse> {
    return this.http.request('POST', '/messages/read', { body }, messagesReadResponseSchema);
  }

  /** POST /messages/delete: the messages disappear for this user only, on every device (issue #13). */
  deleteMessages(body: MessagesDelete): Promise<MessagesReadResponse> {
    return this.http.request('POST', '/messages/delete', { body }, messagesReadResponseSchema);
  }
}
