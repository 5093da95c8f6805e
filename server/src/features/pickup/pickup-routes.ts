import type { FastifyInstance } from 'fastify';
import {
  PICKUP_PATH,
  pickupRequestSchema,
  pickupResponseSchema,
  type PickupRequest,
  type PickupResponse,
} from '../../../../src-preload/contract/calls/calls-http';
import { apiErrorSchema, assertNever } from '../../../../src-preload/contract/platform';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import { kamailioSecretOf } from '../../platform/kamailio-secret';
import type { ServerContext } from '../../platform/server-context';
import { PresenceService } from '../presence';
import { mayWatch } from '../routing';
import { requestKamailioPickup } from './kamailio-pickup';

const error = jsonSchemaOf(apiErrorSchema, 'output');

/**
 * POST /calls/pickup (SPEC D3): the caller takes the call ringing at colleague `number`'s
 * devices. Allowed when the caller may see that colleague's line (the busy-lamp rule, SPEC B3:
 * `mayWatch` for the dialog event); the SIP proxy does the rest (see {@link requestKamailioPickup}).
 * On success the colleague's devices are told who took their call (`call-picked-up`), so their
 * journals say "picked up by …".
 */
export async function registerPickupRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  // reads only (visibility); the presence routes own the timers
  const presence = new PresenceService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
  const { preValidation, caller } = createCallerAuth(ctx);
  const secret = kamailioSecretOf(ctx.config, 'json-rpc');

  api.post<{ Body: PickupRequest }>(
    PICKUP_PATH,
    {
      preValidation,
      schema: {
        summary: "Pick up the call ringing at a colleague's devices (SPEC D3): it rings at the caller's instead",
        tags: ['calls'],
        security: [{ bearerAuth: [] }],
        body: jsonSchemaOf(pickupRequestSchema),
        response: {
          200: jsonSchemaOf(pickupResponseSchema, 'output'),
          400: error,
          401: error,
          403: error,
          404: error,
          409: error,
          503: error,
        },
      },
    },
    async (request): Promise<PickupResponse> => {
      const picker = caller(request);
      const { number } = request.body;
      if (number === picker.number)
        throw new ApiHttpError(400, 'invalid-request', 'a call to yourself is yours already');
      const callee = await ctx.db
        .selectFrom('accounts')
        .select(['id', 'number'])
        .where('number', '=', number)
        .executeTakeFirst();
      if (!callee) throw new ApiHttpError(404, 'not-found', `no user ${number}`);
      // a colleague whose line the caller may not see has, for the caller, nothing ringing
      if (!(await mayWatch(ctx, presence, picker.number, number, 'dialog'))) {
        throw new ApiHttpError(403, 'forbidden', `${number} is not visible`);
      }
      const rpcUrl = ctx.config.kamailioRpcUrl;
      if (rpcUrl === undefined) throw new ApiHttpError(503, 'internal', 'pickup is not configured (no SIP proxy URL)');
      // the pickup route lives on the listener of Kamailio's JSON-RPC
      const result = await requestKamailioPickup(
        { kamailioHttpUrl: new URL(rpcUrl).origin, secret },
        number,
        picker.number,
      );
      switch (result.status) {
        case 'picked':
          ctx.changes.signal(callee.id, { type: 'call-picked-up', sipCallId: result.sipCallId, by: picker.number });
          request.log.info({ callee: number, picker: picker.number }, 'call picked up');
          return { sipCallId: result.sipCallId };
        case 'not-ringing':
          throw new ApiHttpError(409, 'conflict', `nothing rings at ${number} (answered or cancelled meanwhile)`);
        case 'not-registered':
          throw new ApiHttpError(409, 'not-registered', 'you have no phone registered to take the call');
        case 'unavailable':
          request.log.warn({ detail: result.detail }, 'pickup: SIP proxy unavailable');
          throw new ApiHttpError(503, 'internal', 'the SIP proxy cannot be reached');
        default:
          return assertNever(result, 'pickup result');
      }
    },
  );
}
