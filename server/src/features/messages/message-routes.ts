import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  messageSendResponseSchema,
  messageSendSchema,
  messagesDeleteSchema,
  messagesReadResponseSchema,
  messagesReadSchema,
  messagesResponseSchema,
  type MessageSend,
  type MessagesDelete,
  type MessagesRead,
} from '../../../../src-preload/contract/messages';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { requireIdempotencyKey } from '../../platform/idempotency/idempotency';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import { DEFAULT_MESSAGES_PAGE, MAX_MESSAGES_PAGE, MessageService } from './message-service';
import { registerSipMessageRoute, sipDeliveryOf } from './sip-message-routes';

const messagesQuerySchema = z.strictObject({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_MESSAGES_PAGE).default(DEFAULT_MESSAGES_PAGE),
});

const error = jsonSchemaOf(apiErrorSchema, 'output');
const errors = { 400: error, 401: error, 403: error, 404: error, 409: error };
/** POST /messages also answers 429 (per-sender rate limit, with Retry-After). */
const sendErrors = { ...errors, 429: error };
const bearer = [{ bearerAuth: [] }];
const idempotencyHeader = {
  type: 'object',
  properties: {
    'idempotency-key': { type: 'string', description: 'one UUID per message; a resend returns the stored message' },
  },
  required: ['idempotency-key'],
};

/**
 * Registers the instant-message routes (SPEC E6) on the /api/v1 instance:
 * POST /messages, GET /messages, POST /messages/read, POST /messages/delete. Like the data routes,
 * each authenticates before validating its input (401 first) and only ever
 * shows the caller's own messages. Also POST /internal/sip-message (Kamailio only) and the SIP
 * MESSAGE to the recipient's phones ({@link registerSipMessageRoute}, {@link sipDeliveryOf}).
 */
export async function registerMessageRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  // the hook records its outcome through the service it hooks into
  const onStored = sipDeliveryOf(ctx, api.log, (id, delivery) => messages.recordSipDelivery(id, delivery));
  const messages: MessageService = new MessageService({
    db: ctx.db,
    changes: ctx.changes,
    clock: ctx.clock,
    ...(onStored ? { onStored } : {}),
  });
  registerSipMessageRoute(api, ctx, messages);
  const { preValidation, caller } = createCallerAuth(ctx);

  api.post<{ Body: MessageSend }>(
    '/messages',
    {
      preValidation,
      schema: {
        summary: 'Send an instant message to an internal user (Idempotency-Key required)',
        tags: ['messages'],
        security: bearer,
        headers: idempotencyHeader,
        body: jsonSchemaOf(messageSendSchema),
        response: { 200: jsonSchemaOf(messageSendResponseSchema, 'output'), ...sendErrors },
      },
    },
    async (request) =>
      messages.send(caller(request).accountId, requireIdempotencyKey(request.headers['idempotency-key']), request.body),
  );

  api.get<{ Querystring: z.infer<typeof messagesQuerySchema> }>(
    '/messages',
    {
      preValidation,
      schema: {
        summary: "The caller's messages (sent and received) created or changed since a revision",
        tags: ['messages'],
        security: bearer,
        querystring: jsonSchemaOf(messagesQuerySchema),
        response: { 200: jsonSchemaOf(messagesResponseSchema, 'output'), ...errors },
      },
    },
    async (request) => messages.list(caller(request).accountId, request.query.since, request.query.limit),
  );

  api.post<{ Body: MessagesRead }>(
    '/messages/read',
    {
      preValidation,
      schema: {
        summary: "Mark a peer's messages read up to an id (on all the caller's devices)",
        tags: ['messages'],
        security: bearer,
        body: jsonSchemaOf(messagesReadSchema),
        response: { 200: jsonSchemaOf(messagesReadResponseSchema, 'output'), ...errors },
      },
    },
    async (request) => messages.markRead(caller(request).accountId, request.body),
  );

  api.post<{ Body: MessagesDelete }>(
    '/messages/delete',
    {
      preValidation,
      schema: {
        summary:
          "Delete messages for the caller only (one, a peer's up to an id, or all up to an id; on all their devices)",
        tags: ['messages'],
        security: bearer,
        body: jsonSchemaOf(messagesDeleteSchema),
        response: { 200: jsonSchemaOf(messagesReadResponseSchema, 'output'), ...errors },
      },
    },
    async (request) => messages.delete(caller(request).accountId, request.body),
  );
}
