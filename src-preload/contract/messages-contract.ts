/**
 * Instant messages (SPEC E6) as the renderer sees them: the shapes of the
 * `messages.*` channels of ipc-contract.ts.
 */
import { z } from 'zod';

/** Longest message, same limit as the UC server (MESSAGE_MAX_LENGTH). */
export const MESSAGE_TEXT_MAX = 4000;

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
