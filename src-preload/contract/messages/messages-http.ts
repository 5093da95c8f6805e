/**
 * The UC server's instant-message routes (SPEC E6):
 *
 *   POST   /messages              MessageSend (Idempotency-Key header) -> MessageSendResponse | 400 | 404
 *          (429 too-many-attempts + retryAfterS: more than 30 messages a minute from one sender; retry later)
 *   GET    /messages?since=N&limit=M -> MessagesResponse  (both directions, per-account revision cursor)
 *   POST   /messages/read         MessagesRead -> MessagesReadResponse | 400 | 404
 *   POST   /messages/delete       MessagesDelete -> MessagesReadResponse | 400 | 404 (for the caller only)
 *
 * Every message is stored once on the server and visible to its sender and
 * its recipient. `revision` is monotonic and bumped when a message is created
 * or marked read, so a client that pulls `since` its last revision sees new
 * messages and read-state changes made on any of the account's devices.
 */
import { z } from 'zod';

/** Longest instant message, in UTF-16 code units (what a JS string length counts). */
export const MESSAGE_MAX_LENGTH = 4000;

export const messageTextSchema = z
  .string()
  .max(MESSAGE_MAX_LENGTH, `A message is at most ${MESSAGE_MAX_LENGTH} characters long`)
  .refine((text) => text.trim().length > 0, 'A message cannot be empty');

export const messageSendSchema = z.strictObject({
  /** the recipient's internal number, e.g. "101" */
  to: z.string().trim().min(1, 'The recipient is missing').max(64),
  text: messageTextSchema,
});
export type MessageSend = z.infer<typeof messageSendSchema>;

export const messageSchema = z.object({
  id: z.number().int().positive(),
  /** sender's internal number */
  from: z.string(),
  /** recipient's internal number */
  to: z.string(),
  text: z.string(),
  /** epoch ms the server stored it */
  sentAt: z.number().int(),
  /** the recipient marked it read (from any of their devices) */
  read: z.boolean(),
  revision: z.number().int().positive(),
  /** the sender's Idempotency-Key; only in replies to the sender */
  clientKey: z.string().optional(),
  /**
   * sent on as SIP MESSAGE to the recipient's plain SIP devices (desk phones): `sent` (one took it)
   * or `failed` (none did); absent when the recipient had none registered (issue #12)
   */
  sipDelivery: z.enum(['sent', 'failed']).optional(),
  /**
   * the viewer deleted it (issue #13): a tombstone, so their other devices drop it too; the text is
   * blank. Only for the viewer: the other party keeps the message.
   */
  deleted: z.literal(true).optional(),
});
export type Message = z.infer<typeof messageSchema>;
export type SipDelivery = NonNullable<Message['sipDelivery']>;

export const messageSendResponseSchema = z.object({ message: messageSchema, revision: z.number().int().nonnegative() });
export type MessageSendResponse = z.infer<typeof messageSendResponseSchema>;

export const messagesResponseSchema = z.object({
  /** messages (sent or received) created or changed after `since`, oldest revision first */
  messages: z.array(messageSchema),
  /** the revision to ask from next time */
  revision: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type MessagesResponse = z.infer<typeof messagesResponseSchema>;

export const messagesReadSchema = z.strictObject({
  /** the other party's internal number: their messages to the caller become read */
  peer: z.string().trim().min(1).max(64),
  /** highest message id read (inclusive) */
  upTo: z.number().int().positive(),
});
export type MessagesRead = z.infer<typeof messagesReadSchema>;

export const messagesReadResponseSchema = z.object({
  /** messages that became read */
  updated: z.number().int().nonnegative(),
  revision: z.number().int().nonnegative(),
});
export type MessagesReadResponse = z.infer<typeof messagesReadResponseSchema>;

const serverIdSchema = z.number().int().positive();

/**
 * POST /messages/delete (issue #13, SPEC E3): hides messages for the caller only (the other party
 * keeps theirs): one message, a peer's conversation up to a message id, or all up to a message id
 * (`upTo`: what the caller had seen, so a message that arrives meanwhile is not deleted unseen).
 */
export const messagesDeleteSchema = z.union([
  z.strictObject({ id: serverIdSchema }),
  z.strictObject({ peer: z.string().trim().min(1).max(64), upTo: serverIdSchema }),
  z.strictObject({ all: z.literal(true), upTo: serverIdSchema }),
]);
export type MessagesDelete = z.infer<typeof messagesDeleteSchema>;

/** Live event: instant messages arrived or changed for this account up to `revision`: GET /messages?since= */
export const messagesChangedEventSchema = z.object({ type: z.literal('messages-changed'), revision: z.number().int() });
