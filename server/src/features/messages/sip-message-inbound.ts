/**
 * What Kamailio's route[SIP_MESSAGE] POSTs for each SIP MESSAGE (RFC 3428) to one of our users, and
 * how it becomes the arguments of {@link MessageService.send}. Pure: unit-tested without a server.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3428 SIP MESSAGE
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MESSAGE_MAX_LENGTH, messageTextSchema } from '../../../../src-preload/contract/messages';

const base64 = z
  .string()
  .max(64 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);
const user = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);

/** The JSON body of POST /internal/sip-message (kamailio.cfg route[SIP_MESSAGE]). */
export const inboundSipMessageSchema = z.strictObject({
  /** the From user, authenticated by the proxy (route[AUTH]: From user = digest user) */
  from: user,
  /** the Request-URI user: the recipient */
  to: user,
  /** base64 of the Call-ID */
  callId: base64,
  /** the CSeq number */
  cseq: z.number().int().nonnegative(),
  /** base64 of the body (text/plain, UTF-8: the proxy refused anything else with 415) */
  text: base64,
});
export type InboundSipMessage = z.infer<typeof inboundSipMessageSchema>;

/** A SIP MESSAGE as the message service takes it. */
export interface ParsedSipMessage {
  from: string;
  to: string;
  text: string;
  /**
   * The Idempotency-Key of this MESSAGE: the same transaction (Call-ID + CSeq, RFC 3261 §17.2.3)
   * retransmitted after its transaction ended is stored once. A phone that retries with a new
   * MESSAGE (new CSeq) is a new message.
   */
  key: string;
}

/** Why a MESSAGE cannot be stored: the route answers `status` (the proxy: SIP 400, or 513 Message Too Large). */
export class InvalidSipMessageError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

/**
 * Decodes the proxy's JSON: the body must be valid UTF-8 (RFC 3428 §9: text/plain defaults to
 * UTF-8) and a valid instant message (not empty, not too long: {@link messageTextSchema}).
 */
export function parseInboundSipMessage(body: unknown): ParsedSipMessage {
  const parsed = inboundSipMessageSchema.safeParse(body);
  if (!parsed.success) throw new InvalidSipMessageError(`malformed SIP message: ${parsed.error.issues[0]?.message}`);
  const { from, to, callId, cseq } = parsed.data;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(parsed.data.text, 'base64'));
  } catch {
    throw new InvalidSipMessageError('the message is not valid UTF-8');
  }
  if (text.length > MESSAGE_MAX_LENGTH)
    throw new InvalidSipMessageError(`A message is at most ${MESSAGE_MAX_LENGTH} characters long`, 413);
  const checked = messageTextSchema.safeParse(text);
  if (!checked.success) throw new InvalidSipMessageError(checked.error.issues[0]?.message ?? 'invalid message');
  const digest = createHash('sha256').update(`${callId} ${cseq}`).digest('hex').slice(0, 40);
  return { from, to, text, key: `sip-message-${digest}` };
}
