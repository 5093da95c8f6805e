/**
 * Conversations (SPEC E1–E5, issue #13) as the renderer sees them: one entry per contact (a colleague
 * or a bare number) merging the server's call history, instant messages and voicemails — the
 * `conversations.*` channels of the IPC contract.
 */
import { z } from 'zod';
import type { CallOrigin, CallRecordResult } from '../calls/call-history-http';

const peerSchema = z.string().trim().min(1).max(128);

/** One event of a conversation (E2), `id` unique across kinds (`call:…`, `message:…`, `voicemail:…`). */
export type ConversationEventView =
  | {
      kind: 'call';
      id: string;
      /** epoch ms: when the call started */
      at: number;
      direction: 'in' | 'out';
      result: CallRecordResult;
      durationMs: number | null;
      /** deflected to / picked up by */
      via: string | null;
      origin: CallOrigin | null;
      originNumber: string | null;
      deviceKind: 'app' | 'sip-phone' | null;
      /** counts as unread (a missed call not seen yet) */
      unread: boolean;
    }
  | {
      kind: 'message';
      id: string;
      at: number;
      direction: 'in' | 'out';
      text: string;
      unread: boolean;
      status: 'pending' | 'sent' | 'failed';
    }
  | {
      kind: 'voicemail';
      id: string;
      at: number;
      durationMs: number;
      /** the voicemail's own id (voicemail.getAudio) */
      voicemailId: string;
      unread: boolean;
    };

/** One entry of the Conversations list (E1): newest first. */
export interface ConversationSummaryView {
  peer: string;
  /** the directory's name, else the name a call brought */
  peerName?: string;
  /** the peer is one of our users (messages possible, presence shown) */
  internal: boolean;
  /** the number is in a directory (internal, global, speed dials or the user's contacts): no "save as contact" */
  inDirectory: boolean;
  last: ConversationEventView;
  /** missed calls, new messages and new voicemails not read yet (the green counter) */
  unread: number;
}

/** What conversations.delete removes (E3): one event, one whole conversation, or all. */
export const conversationsDeletePayloadSchema = z.union([
  z.strictObject({ eventId: z.string().min(1).max(200) }),
  z.strictObject({ peer: peerSchema }),
  z.strictObject({ all: z.literal(true) }),
]);
export type ConversationsDeletePayload = z.infer<typeof conversationsDeletePayloadSchema>;

/**
 * A filter of the history (E5): placed (outgoing), received (incoming, missed ones excepted) or missed
 * calls and what came with them, between two instants (the renderer turns "this month" into them, in
 * the user's time zone).
 */
export const conversationsFilterSchema = z.strictObject({
  direction: z.enum(['all', 'placed', 'received', 'missed']).default('all'),
  /** epoch ms, inclusive */
  from: z.number().int().nonnegative().optional(),
  /** epoch ms, exclusive */
  to: z.number().int().nonnegative().optional(),
});
export type ConversationsFilter = z.input<typeof conversationsFilterSchema>;

/** One event of the whole history with its contact (a row of the filtered list and of the CSV export). */
export type ConversationRowView = ConversationEventView & { peer: string; peerName?: string };

/** Payload schemas of the conversations channels. */
export const conversationsInvokeSchemas = {
  /** one entry per contact, newest first (local caches: works offline) */
  'conversations.list': z.strictObject({}),
  /** the merged history with `peer`, oldest first (newest at the bottom) */
  'conversations.history': z.strictObject({ peer: peerSchema }),
  /** the conversation was read: its counter clears here and on the user's other devices */
  'conversations.markRead': z.strictObject({ peer: peerSchema }),
  'conversations.delete': conversationsDeletePayloadSchema,
  /** every event matching the filter, newest first: calls, messages and voicemails together */
  'conversations.events': conversationsFilterSchema,
} as const;

export interface ConversationsInvokeResults {
  'conversations.list': ConversationSummaryView[];
  'conversations.history': ConversationEventView[];
  'conversations.markRead': void;
  'conversations.delete': void;
  'conversations.events': ConversationRowView[];
}

export interface ConversationsEventPayloads {
  /** the call history changed (messages and voicemails have their own events): reload */
  'conversations.onDidChange': Record<string, never>;
}

export const CONVERSATIONS_EVENT_CHANNELS = { 'conversations.onDidChange': true } satisfies Record<
  keyof ConversationsEventPayloads,
  true
>;
