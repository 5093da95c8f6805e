import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { KamailioRpc } from '../../platform/kamailio-rpc';
import { kamailioSecretOf } from '../../platform/kamailio-secret';
import type { ServerContext } from '../../platform/server-context';
import { CALL_ROUTE_PATH, proxyCheck } from '../routing';
import { EmergencyFallbackSync } from './emergency-fallback-sync';
import { routeInbound, routeOutbound } from './trunk-routing';

/** How often Kamailio's emergency fallback is pushed again (trunk changes reach it within this). */
const EMERGENCY_SYNC_MS = 60_000;

/**
 * Kamailio's trunk queries, under the call-route path so the proxy derives them from its one
 * {{ROUTING_URL}} (kamailio.cfg route[TRUNK_OUT], route[TRUNK_IN]); same secret, internal listener.
 */
export const TRUNK_OUT_PATH = `${CALL_ROUTE_PATH}/trunk-out`;
export const TRUNK_IN_PATH = `${CALL_ROUTE_PATH}/trunk-in`;

const outQuery = z.strictObject({
  number: z.string().min(1).max(64),
  caller: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
});

const inQuery = z.strictObject({
  source: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/),
  port: z.coerce.number().int().min(1).max(65535),
  did: z.string().max(64),
  from: z.string().max(128).optional(),
});

/** GET …/trunk-out?number=&caller= and GET …/trunk-in?source=&port=&did=&from= (proxy only). */
export async function registerTrunksRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const fromProxy = proxyCheck(ctx.config);
  if (ctx.config.kamailioRpcUrl !== undefined) {
    const sync = new EmergencyFallbackSync({
      db: ctx.db,
      rpc: new KamailioRpc({ url: ctx.config.kamailioRpcUrl, secret: kamailioSecretOf(ctx.config, 'json-rpc') }),
      intervalMs: EMERGENCY_SYNC_MS,
      log: (message) => api.log.warn(message),
    });
    sync.start();
    api.addHook('onClose', async () => sync.stop());
  }
  api.get(TRUNK_OUT_PATH, { schema: { hide: true } }, async (request) => {
    fromProxy(request.headers['x-uc-routing-secret']);
    const query = outQuery.parse(request.query);
    return routeOutbound(ctx.db, query.number, query.caller);
  });
  api.get(TRUNK_IN_PATH, { schema: { hide: true } }, async (request) => {
    fromProxy(request.headers['x-uc-routing-secret']);
    const query = inQuery.parse(request.query);
    return routeInbound(ctx.db, { ip: query.source, port: query.port }, query.did, query.from ?? '');
  });
}
