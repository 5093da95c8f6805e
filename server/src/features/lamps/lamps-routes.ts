import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { kamailioSecretOf } from '../../platform/kamailio-secret';
import type { ServerContext } from '../../platform/server-context';
import { KamailioRpc } from '../../platform/kamailio-rpc';
import { KamailioLineReader, type LineReader } from './kamailio-line-reader';
import { LampsService } from './lamps-service';

/** Where Kamailio POSTs its batches of line events (under /api/v1, internal listener only in practice). */
export const LINE_EVENTS_PATH = '/internal/line-events';

const base64 = z
  .string()
  .max(256 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);
const batchSchema = z.strictObject({
  lost: z.boolean(),
  events: z.array(z.strictObject({ event: z.enum(['dialog', 'reg']), entity: base64, body: base64 })).max(64),
});

/** Options of {@link registerLampsRoutes} (tests inject the Kamailio reader and the reconcile period). */
export interface LampsRoutesOptions {
  reader?: LineReader;
  reconcileMs?: number;
  logger?: (message: string) => void;
}

/**
 * POST /api/v1/internal/line-events: Kamailio's dialog and reg events for the
 * busy lamps ({@link LampsService}). Only Kamailio may post: the
 * X-UC-Routing-Secret header (the one of its call-routing queries) must match,
 * anything else is a 401 — whoever could post here could paint anyone's lamp.
 */
export async function registerLampsRoutes(
  api: FastifyInstance,
  ctx: ServerContext,
  options: LampsRoutesOptions = {},
): Promise<void> {
  const reader =
    options.reader ??
    (ctx.config.kamailioRpcUrl === undefined
      ? undefined
      : new KamailioLineReader(
          new KamailioRpc({ url: ctx.config.kamailioRpcUrl, secret: kamailioSecretOf(ctx.config, 'json-rpc') }),
        ));
  const lamps = new LampsService(ctx, {
    reader,
    ...(options.reconcileMs !== undefined ? { reconcileMs: options.reconcileMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  lamps.start();
  api.addHook('onClose', async () => lamps.stop());

  const expected = Buffer.from(kamailioSecretOf(ctx.config, 'call-routing'));
  api.post(LINE_EVENTS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const given = request.headers['x-uc-routing-secret'];
    const buffer = Buffer.from(typeof given === 'string' ? given : '');
    if (buffer.length !== expected.length || !timingSafeEqual(buffer, expected)) {
      throw new ApiHttpError(401, 'unauthorized', 'line events are for the SIP proxy only');
    }
    await lamps.receive(batchSchema.parse(request.body));
    return reply.code(204).send();
  });
}
