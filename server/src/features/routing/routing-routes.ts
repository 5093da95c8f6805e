import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { LINE_EVENTS_PATH } from '../lamps';
import { ForwardingService } from '../forwarding';
import { SIP_MESSAGE_PATH } from '../messages';
import { PresenceService } from '../presence';
import type { ServerConfig } from '../../platform/config';
import type { ServerContext } from '../../platform/server-context';
import { routeCall, routingSecretOf } from './call-routing';
import { WATCHED_EVENTS, mayWatch } from './watch-policy';

/** Path Kamailio queries (under /api/v1); not part of the public API document. */
export const CALL_ROUTE_PATH = '/internal/call-route';
/** Path Kamailio asks before it accepts a presence or dialog SUBSCRIBE (see {@link mayWatch}). */
export const WATCH_POLICY_PATH = '/internal/watch-policy';

/**
 * What Kamailio needs to ask this server for call routes and watch policies
 * (see server/kamailio/kamailio.cfg route[CALL_ROUTING] and route[WATCH_POLICY]).
 */
export function callRoutingFor(
  config: ServerConfig,
  apiUrl: string,
): { url: string; watchUrl: string; lineEventsUrl: string; sipMessageUrl: string; secret: string } {
  return {
    url: `${apiUrl}${CALL_ROUTE_PATH}`,
    watchUrl: `${apiUrl}${WATCH_POLICY_PATH}`,
    lineEventsUrl: `${apiUrl}${LINE_EVENTS_PATH}`,
    sipMessageUrl: `${apiUrl}${SIP_MESSAGE_PATH}`,
    secret: routingSecretOf(config),
  };
}

/**
 * A check that a request comes from our SIP proxy: its X-UC-Routing-Secret header must match
 * {@link routingSecretOf} (constant-time), anything else throws 401.
 */
export function proxyCheck(config: Pick<ServerConfig, 'tokenSecret'>): (given: string | string[] | undefined) => void {
  const expected = Buffer.from(routingSecretOf(config));
  return (given) => {
    const buffer = Buffer.from(typeof given === 'string' ? given : '');
    if (buffer.length !== expected.length || !timingSafeEqual(buffer, expected)) {
      throw new ApiHttpError(401, 'unauthorized', 'call routing is for the SIP proxy only');
    }
  };
}

const watchQuerySchema = z.strictObject({
  watcher: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
  target: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
  event: z.enum(WATCHED_EVENTS),
});

const querySchema = z.strictObject({
  callee: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
  caller: z.string().max(64).optional(),
  callerDomain: z.string().max(255).optional(),
});

/**
 * GET /api/v1/internal/call-route?callee=101: the route of a call to 101 (see
 * {@link routeCall}). Only Kamailio may ask: the X-UC-Routing-Secret header
 * must match {@link routingSecretOf}; anything else is a 401 (this route
 * tells who is in do-not-disturb).
 */
export async function registerRoutingRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  // reads only (return times apply on read): the presence routes own the timers
  const presence = new PresenceService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
  const forwarding = new ForwardingService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
  const fromProxy = proxyCheck(ctx.config);
  api.get(CALL_ROUTE_PATH, { schema: { hide: true } }, async (request) => {
    fromProxy(request.headers['x-uc-routing-secret']);
    const query = querySchema.parse(request.query);
    return routeCall(ctx, presence, forwarding, query.callee);
  });
  // tells who is "not visible": the proxy's secret too
  api.get(WATCH_POLICY_PATH, { schema: { hide: true } }, async (request) => {
    fromProxy(request.headers['x-uc-routing-secret']);
    const query = watchQuerySchema.parse(request.query);
    return { allow: await mayWatch(ctx, presence, query.watcher, query.target, query.event) };
  });
}
