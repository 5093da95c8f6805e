import { timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Message, SipDelivery } from '../../../../src-preload/contract/messages';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { KamailioRpc } from '../../platform/kamailio-rpc';
import { kamailioSecretOf } from '../../platform/kamailio-secret';
import type { ServerContext } from '../../platform/server-context';
import type { MessageService } from './message-service';
import { InvalidSipMessageError, parseInboundSipMessage } from './sip-message-inbound';
import { SipMessageSender } from './sip-message-outbound';

/** Where Kamailio's route[SIP_MESSAGE] POSTs each SIP MESSAGE to one of our users (under /api/v1). */
export const SIP_MESSAGE_PATH = '/internal/sip-message';

/** A MESSAGE to a device that does not answer: tm gives up after fr_timer (30 s); the RPC waits a little longer. */
const SIP_DELIVERY_TIMEOUT_MS = 35_000;

/**
 * POST /api/v1/internal/sip-message: a SIP MESSAGE from a plain SIP device, stored as an instant
 * message from its authenticated sender (the proxy vouches: route[AUTH]). Only Kamailio may post
 * (X-UC-Routing-Secret, like its call-routing queries; anything else 401: whoever could post here
 * could write as anyone). Answers 200 once stored (the proxy then answers 202 Accepted), 400
 * invalid text, 404 unknown recipient, 413 too long, 429 over the sender's limit.
 */
export function registerSipMessageRoute(api: FastifyInstance, ctx: ServerContext, messages: MessageService): void {
  const expected = Buffer.from(kamailioSecretOf(ctx.config, 'call-routing'));
  api.post(SIP_MESSAGE_PATH, { schema: { hide: true } }, async (request) => {
    const given = request.headers['x-uc-routing-secret'];
    const buffer = Buffer.from(typeof given === 'string' ? given : '');
    if (buffer.length !== expected.length || !timingSafeEqual(buffer, expected)) {
      throw new ApiHttpError(401, 'unauthorized', 'SIP messages are for the SIP proxy only');
    }
    let parsed;
    try {
      parsed = parseInboundSipMessage(request.body);
    } catch (error) {
      if (error instanceof InvalidSipMessageError)
        throw new ApiHttpError(error.status === 413 ? 413 : 400, 'invalid-request', error.message);
      throw error;
    }
    const sender = await ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('number', '=', parsed.from)
      .executeTakeFirst();
    // the proxy authenticated a SIP user that is no account (any more): nobody to store it for
    if (!sender) throw new ApiHttpError(404, 'not-found', `No internal user ${parsed.from}`);
    const { message } = await messages.send(sender.id, parsed.key, { to: parsed.to, text: parsed.text });
    return { id: message.id };
  });
}

/**
 * The `onStored` hook of the message service: each stored message also goes out as SIP MESSAGE to
 * the recipient's plain SIP devices (see {@link SipMessageSender}), after the reply (never inside
 * Kamailio's own HTTP query: its worker waits for us). Undefined without Kamailio's JSON-RPC.
 */
export function sipDeliveryOf(
  ctx: ServerContext,
  log: FastifyBaseLogger,
  record: (messageId: number, delivery: SipDelivery) => Promise<void>,
): ((message: Message) => void) | undefined {
  if (ctx.config.kamailioRpcUrl === undefined) return undefined;
  const sender = new SipMessageSender(
    new KamailioRpc({
      url: ctx.config.kamailioRpcUrl,
      secret: kamailioSecretOf(ctx.config, 'json-rpc'),
      timeoutMs: SIP_DELIVERY_TIMEOUT_MS,
    }),
    ctx.config.sipDomain,
  );
  const deliver = async (message: Message): Promise<void> => {
    const from = await ctx.db
      .selectFrom('accounts')
      .select('display_name')
      .where('number', '=', message.from)
      .executeTakeFirst();
    const result = await sender.deliver({
      from: message.from,
      fromName: from?.display_name ?? message.from,
      to: message.to,
      text: message.text,
    });
    if (result.devices === 0) return;
    if (result.delivered < result.devices) {
      log.warn({ messageId: message.id, ...result }, 'some SIP devices did not take the instant message');
    }
    await record(message.id, result.delivered > 0 ? 'sent' : 'failed');
  };
  return (message) => {
    setImmediate(() => {
      deliver(message).catch((error: unknown) =>
        log.warn({ messageId: message.id, err: String(error) }, 'instant message not sent to SIP devices'),
      );
    });
  };
}
