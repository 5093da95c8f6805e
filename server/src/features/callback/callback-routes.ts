import type { FastifyInstance } from 'fastify';
import {
  placeCallRequestSchema,
  placeCallResultSchema,
  type PlaceCallRequest,
  type PlaceCallResult,
} from '../../../../src-preload/contract/forwarding';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import { CallbackDialer } from './callback-dialer';

const error = jsonSchemaOf(apiErrorSchema, 'output');
const bearer = [{ bearerAuth: [] }];

/**
 * POST /me/calls/place (SPEC J4, B5): how a call the app starts is placed, for
 * the caller's own dial mode only. With "callback preferred" the server rings
 * the CallMe phone and answers at once; progress follows as `callback-progress`
 * live events. The callback service talks to Kamailio over its WebSocket and
 * JSON-RPC (the same listener as `kamailioRpcUrl`); without them: 503.
 */
export async function registerCallbackRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { preValidation, caller } = createCallerAuth(ctx);
  const rpcUrl = ctx.config.kamailioRpcUrl;
  const dialer =
    rpcUrl === undefined
      ? undefined
      : new CallbackDialer(ctx, {
          wsUrl: rpcUrl.replace(/^http(s?):\/\/([^/]+).*$/i, 'ws$1://$2'),
          rpcUrl,
          ...(isLoopbackUrl(rpcUrl) ? { bindAddress: '127.0.0.1' } : {}),
        });
  let started: Promise<void> | undefined;
  api.addHook('onClose', async () => dialer?.stop());

  api.post<{ Body: PlaceCallRequest }>(
    '/me/calls/place',
    {
      preValidation,
      schema: {
        summary: 'How to place a call the app starts (dial mode J4: the app itself, or a callback via CallMe, B5)',
        tags: ['forwarding'],
        security: bearer,
        body: jsonSchemaOf(placeCallRequestSchema),
        response: {
          200: jsonSchemaOf(placeCallResultSchema, 'output'),
          400: error,
          401: error,
          503: error,
        },
      },
    },
    async (request, reply): Promise<PlaceCallResult | void> => {
      const { accountId } = caller(request);
      if (!dialer) {
        return reply.code(503).send({ error: 'internal', message: 'no SIP service for callbacks' });
      }
      started ??= dialer.start().catch((e: unknown) => {
        started = undefined;
        throw e;
      });
      try {
        await started;
        const placed = await dialer.place(accountId, request.body.destination);
        if (placed.by === 'app') return placed;
        const { callback, via } = placed;
        callback.onDidChange((phase) =>
          ctx.changes.signal(accountId, { type: 'callback-progress', id: callback.id, phase }),
        );
        return { by: 'callback', id: callback.id, phase: callback.phase, via };
      } catch (e) {
        request.log.warn({ err: e }, 'callback failed');
        return reply.code(503).send({ error: 'internal', message: 'the callback service is not available' });
      }
    },
  );
}

function isLoopbackUrl(url: string): boolean {
  return /^https?:\/\/(127\.|localhost|\[::1\])/i.test(url);
}
