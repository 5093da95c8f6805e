import type { FastifyInstance } from 'fastify';
import { ICE_SERVERS_PATH, iceServersResponseSchema } from '../../../../src-preload/contract/calls/ice-http';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import { iceServersFor } from './ice-servers-for';

const error = jsonSchemaOf(apiErrorSchema, 'output');

/**
 * GET /me/ice-servers (SPEC F5): the caller's STUN/TURN servers with TURN credentials minted for
 * them, short-lived; the client renews them before `expiresAt`. Authenticated like every route.
 */
export async function registerIceRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { preValidation, caller } = createCallerAuth(ctx);
  api.get(
    ICE_SERVERS_PATH,
    {
      preValidation,
      schema: {
        summary: 'STUN/TURN servers for the caller’s calls, TURN credentials short-lived (TURN REST API)',
        tags: ['calls'],
        security: [{ bearerAuth: [] }],
        response: { 200: jsonSchemaOf(iceServersResponseSchema, 'output'), 401: error, 403: error },
      },
    },
    async (request, reply) => {
      // credentials: never cached by a proxy
      void reply.header('cache-control', 'no-store');
      return iceServersFor(ctx, caller(request).number);
    },
  );
}
