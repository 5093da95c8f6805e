import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import {
  presenceListResponseSchema,
  presenceSchema,
  presenceSetRequestSchema,
  type PresenceSetRequest,
} from '../../../../src-preload/contract/presence';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import { MAX_PRESENCE_ACCOUNTS, PresenceService, type PresenceTimers } from './presence-service';
import { startSipPresence } from './sip-presence-publisher';

const presenceListQuerySchema = z.strictObject({
  /** comma-separated internal numbers, e.g. "100,101" */
  accounts: z
    .string()
    .min(1)
    .max(MAX_PRESENCE_ACCOUNTS * 65),
});
const error = jsonSchemaOf(apiErrorSchema, 'output');
const errors = { 400: error, 401: error, 403: error };
const bearer = [{ bearerAuth: [] }];

/** Options of {@link registerPresenceRoutes} (tests inject timers). */
export interface PresenceRoutesOptions {
  timers?: PresenceTimers;
}

/**
 * Presence routes on the /api/v1 instance (SPEC B1/B3/B6): GET and PUT
 * /me/presence (own state; a change is signalled `presence-changed` to the
 * account's live connections) and GET /presence?accounts= (others' presence as
 * their visibility allows). Authentication runs before validation, so an
 * anonymous caller gets 401 whatever it sends.
 */
export async function registerPresenceRoutes(
  api: FastifyInstance,
  ctx: ServerContext,
  options: PresenceRoutesOptions = {},
): Promise<void> {
  const presence = new PresenceService({
    db: ctx.db,
    changes: ctx.changes,
    clock: ctx.clock,
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const { preValidation, caller } = createCallerAuth(ctx);
  await presence.start();
  api.addHook('onClose', async () => presence.stop());
  // plain SIP watchers get it as PIDF through Kamailio (issue #11)
  startSipPresence(api, ctx, presence);

  api.get(
    '/me/presence',
    {
      preValidation,
      schema: {
        summary: 'Own presence (SPEC B1); a passed return time reads as office (B6)',
        tags: ['presence'],
        security: bearer,
        response: { 200: jsonSchemaOf(presenceSchema, 'output'), ...errors },
      },
    },
    async (request) => presence.get(caller(request).accountId),
  );

  api.put<{ Body: PresenceSetRequest }>(
    '/me/presence',
    {
      preValidation,
      schema: {
        summary: 'Set the own presence: state, return time (not for office, in the future), note, visibility',
        tags: ['presence'],
        security: bearer,
        body: jsonSchemaOf(presenceSetRequestSchema),
        response: { 200: jsonSchemaOf(presenceSchema, 'output'), ...errors },
      },
    },
    async (request) => presence.set(caller(request).accountId, request.body),
  );

  api.get<{ Querystring: z.infer<typeof presenceListQuerySchema> }>(
    '/presence',
    {
      preValidation,
      schema: {
        summary: "Other users' presence by internal number, as their visibility allows (SPEC B3/B4)",
        tags: ['presence'],
        security: bearer,
        querystring: jsonSchemaOf(presenceListQuerySchema),
        response: { 200: jsonSchemaOf(presenceListResponseSchema, 'output'), ...errors },
      },
    },
    async (request) => {
      const numbers = request.query.accounts
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      if (numbers.length > MAX_PRESENCE_ACCOUNTS)
        throw new ApiHttpError(400, 'invalid-request', `accounts: at most ${MAX_PRESENCE_ACCOUNTS} numbers`);
      const presences = await presence.list(caller(request).accountId, numbers);
      // the busy lamp (SPEC B4) follows the same visibility as the presence (ctx.lines: the lamps feature)
      return {
        presences: presences.map((p) => {
          const line = p.visible ? ctx.lines.lineOf(p.number) : undefined;
          return line === undefined ? p : { ...p, line };
        }),
      };
    },
  );
}
