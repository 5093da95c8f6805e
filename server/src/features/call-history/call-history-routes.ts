import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  callHistoryResponseSchema,
  callsChangeResponseSchema,
  callsDeleteSchema,
  callsReadSchema,
  CALL_HISTORY_PATH,
  type CallsDelete,
  type CallsRead,
} from '../../../../src-preload/contract/calls';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import { kamailioSecretOf } from '../../platform/kamailio-secret';
import type { ServerContext } from '../../platform/server-context';
import { CallHistoryService, DEFAULT_CALLS_PAGE, MAX_CALLS_PAGE } from './call-history-service';
import type { CallEvent } from './call-record-rules';

/** Where Kamailio POSTs its call events (route[CALLS_DRAIN]; internal listener only in practice). */
export const CALL_EVENTS_PATH = '/internal/call-events';

const b64 = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);
const common = { ci: b64.min(1), s: z.number().int().nonnegative(), u: z.number().int().nonnegative() };
/** What kamailio.cfg route[CALLS_*] enqueues (strings base64, see there). */
const rawEventSchema = z.discriminatedUnion('e', [
  z.object({
    ...common,
    e: z.literal('start'),
    from: b64,
    name: b64,
    ours: z.union([z.literal(0), z.literal(1)]),
    to: b64,
    proto: z.string().max(8),
    rb: b64,
  }),
  z.object({ ...common, e: z.literal('answer'), proto: z.string().max(8) }),
  z.object({ ...common, e: z.literal('redirect'), to: b64 }),
  z.object({ ...common, e: z.literal('fail'), code: z.number().int(), cancel: z.union([z.literal(0), z.literal(1)]) }),
  z.object({ ...common, e: z.literal('bye'), by: b64 }),
]);
const batchSchema = z.object({ events: z.array(z.unknown()).max(64) });
type RawEvent = z.infer<typeof rawEventSchema>;

const text = (value: string): string => Buffer.from(value, 'base64').toString('utf8');

/** A From display name as written in SIP (RFC 3261 §25.1 quoted-string): without its quotes and escapes. */
export function displayName(raw: string): string {
  const trimmed = raw.trim();
  const unquoted =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
      ? trimmed.slice(1, -1).replace(/\\(.)/g, '$1')
      : trimmed;
  return unquoted.slice(0, 256);
}

/** Decodes one of Kamailio's events ({@link CallEvent}). */
export function decodeCallEvent(raw: RawEvent): CallEvent {
  const base = { ci: text(raw.ci), at: raw.s * 1000 + Math.floor(raw.u / 1000) };
  switch (raw.e) {
    case 'start':
      return {
        ...base,
        e: 'start',
        from: text(raw.from),
        name: displayName(text(raw.name)),
        ours: raw.ours === 1,
        to: text(raw.to),
        proto: raw.proto,
        referredBy: text(raw.rb),
      };
    case 'answer':
      return { ...base, e: 'answer', proto: raw.proto };
    case 'redirect':
      return { ...base, e: 'redirect', to: text(raw.to) };
    case 'fail':
      return { ...base, e: 'fail', code: raw.code, cancel: raw.cancel === 1 };
    case 'bye':
      return { ...base, e: 'bye', by: text(raw.by) };
  }
}

const querySchema = z.strictObject({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_CALLS_PAGE).default(DEFAULT_CALLS_PAGE),
});
const error = jsonSchemaOf(apiErrorSchema, 'output');
const errors = { 400: error, 401: error, 403: error };
const bearer = [{ bearerAuth: [] }];

/**
 * The call history's routes: POST /internal/call-events (Kamailio only: X-UC-Routing-Secret, like the
 * line events), GET /calls, POST /calls/read, POST /calls/delete (each user sees only their own records).
 */
export async function registerCallHistoryRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const history = new CallHistoryService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
  history.start();
  api.addHook('onClose', async () => history.stop());
  const { preValidation, caller } = createCallerAuth(ctx);

  const expected = Buffer.from(kamailioSecretOf(ctx.config, 'call-routing'));
  api.post(CALL_EVENTS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const given = request.headers['x-uc-routing-secret'];
    const buffer = Buffer.from(typeof given === 'string' ? given : '');
    if (buffer.length !== expected.length || !timingSafeEqual(buffer, expected)) {
      throw new ApiHttpError(401, 'unauthorized', 'call events are for the SIP proxy only');
    }
    const events: CallEvent[] = [];
    for (const raw of batchSchema.parse(request.body).events) {
      // one malformed event is skipped (and logged): the rest of the batch still counts
      const parsed = rawEventSchema.safeParse(raw);
      if (parsed.success) events.push(decodeCallEvent(parsed.data));
      else request.log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'malformed call event skipped');
    }
    await history.receive(events);
    return reply.code(204).send();
  });

  api.get<{ Querystring: z.infer<typeof querySchema> }>(
    CALL_HISTORY_PATH,
    {
      preValidation,
      schema: {
        summary: "The caller's call history changed since a revision (tombstones for deleted records)",
        tags: ['calls'],
        security: bearer,
        querystring: jsonSchemaOf(querySchema),
        response: { 200: jsonSchemaOf(callHistoryResponseSchema, 'output'), ...errors },
      },
    },
    async (request) => history.list(caller(request).accountId, request.query.since, request.query.limit),
  );

  api.post<{ Body: CallsRead }>(
    `${CALL_HISTORY_PATH}/read`,
    {
      preValidation,
      schema: {
        summary: "Mark a peer's calls read (on all the caller's devices)",
        tags: ['calls'],
        security: bearer,
        body: jsonSchemaOf(callsReadSchema),
        response: { 200: jsonSchemaOf(callsChangeResponseSchema, 'output'), ...errors },
      },
    },
    async (request) => history.markRead(caller(request).accountId, request.body.peer.trim()),
  );

  api.post<{ Body: CallsDelete }>(
    `${CALL_HISTORY_PATH}/delete`,
    {
      preValidation,
      schema: {
        summary: 'Delete one call record, all calls with a peer, or the whole history (all devices)',
        tags: ['calls'],
        security: bearer,
        body: jsonSchemaOf(callsDeleteSchema),
        response: { 200: jsonSchemaOf(callsChangeResponseSchema, 'output'), ...errors },
      },
    },
    async (request) => history.delete(caller(request).accountId, request.body),
  );
}
