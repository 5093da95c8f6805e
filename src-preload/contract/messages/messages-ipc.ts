/**
 * Instant messages (SPEC E6) as the renderer sees them: the `messages.*`
 * channels of the IPC contract.
 */
import { z } from 'zod';
import { MESSAGE_MAX_LENGTH } from './messages-http';

/** Longest message: the UC server's limit. */
export const MESSAGE_TEXT_MAX = MESSAGE_MAX_LENGTH;

/** An internal number / SIP user of the other party. */
const peerSchema = z.string().trim().min(1).max(64);

export const messagesHistoryPayloadSchema = z.strictObject({
  peer: peerSchema,
  /** newest messages kept (default 200) */
  limit: z.number().int().min(1).max(1000).optional(),
});

export const messagesSendPayloadSchema = z.strictObject({
  peer: peerSchema,
  /** checked again by the engine: not blank ('invalid-payload') */
  text: z.string().min(1).max(MESSAGE_TEXT_MAX),
});

export const messagesMarkReadPayloadSchema = z.strictObject({ peer: peerSchema });

/**
 * Where a message stands: `pending` waits in the outbox (server unreachable:
 * sent when it is back), `sent` is stored on the server, `failed` was refused
 * for good (`errorCode` / `error` say why; the text stays in the history).
 */
export type MessageStatus = 'pending' | 'sent' | 'failed';

export interface MessageView {
  /** local id (stable while the message waits and after it was sent) */
  id: string;
  peer: string;
  /** 'out': sent by this user (from any of their devices) */
  direction: 'in' | 'out';
  text: string;
  /** epoch ms (server time once sent) */
  sentAt: number;
  /** incoming: read by this user (on any device); outgoing: read by the peer */
  read: boolean;
  status: MessageStatus;
  /** why a failed message was refused: the UC server's own sentence (English; a detail, e.g. a tooltip) */
  error?: string;
  /**
   * why a failed message was refused, as the UC server's error code
   * ('not-found', 'invalid-request', …): the UI translates it
   */
  errorCode?: string;
}

/** One entry of the Conversations list (SPEC E1): one per peer, newest first. */
export interface ConversationView {
  peer: string;
  /** from the directory cache, when the peer is known */
  peerName?: string;
  last: MessageView;
  /** incoming messages not read yet (green counter) */
  unread: number;
}

/** messages.onDidChange: the conversations of these peers changed (new, sent, read). */
export interface MessagesChangeView {
  peers: string[];
}

/** Payload schemas of the messages channels. */
export const messagesInvokeSchemas = {
  /** one entry per peer, newest first (local cache: works offline) */
  'messages.listConversations': z.strictObject({}),
  /** the conversation with `peer`, oldest first (newest at the bottom) */
  'messages.history': messagesHistoryPayloadSchema,
  /** sends (or queues while the UC server is unreachable); 'invalid-payload' for a blank text */
  'messages.send': messagesSendPayloadSchema,
  /** marks the peer's messages read here and on the user's other devices */
  'messages.markRead': messagesMarkReadPayloadSchema,
} as const;

export interface MessagesInvokeResults {
  'messages.listConversations': ConversationView[];
  'messages.history': MessageView[];
  'messages.send': MessageView;
  'messages.markRead': void;
}

export interface MessagesEventPayloads {
  /** messages arrived, were sent or read: reload the conversations (and the open one if listed) */
  'messages.onDidChange': MessagesChangeView;
}

export const MESSAGES_EVENT_CHANNELS = { 'messages.onDidChange': true } satisfies Record<
  keyof MessagesEventPayloads,
  true
>;
