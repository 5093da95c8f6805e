import type { FastifyInstance } from 'fastify';
import { authenticate } from '../../platform/auth/authenticate';
import type { ServerContext } from '../../platform/server-context';
import type { AgentHealth } from '../../platform/agent-health';

/** GET /api/v1/health reply. */
export interface HealthReply {
  /** `degraded` while any SIP agent of the server is not registered */
  status: 'ok' | 'degraded';
  /** each agent's registration (only for an authenticated caller) */
  agents?: AgentHealth[];
}

/**
 * GET /api/v1/health: 200 `{status: 'ok'}` while every SIP agent of this
 * server (voicemail…) is registered, 503 `{status: 'degraded'}` otherwise, so
 * monitoring sees an agent that cannot register (Kamailio down, its REGISTER
 * refused) instead of callers finding out. Without a token only the status is
 * told; an authenticated caller also gets each agent's state, issue and
 * counters (no user data either way).
 */
export async function registerHealthRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  api.get('/health', { schema: { hide: true } }, async (request, reply) => {
    const agents = ctx.agents.list();
    const status = agents.every((agent) => agent.status === 'registered') ? 'ok' : 'degraded';
    let detailed = false;
    if (request.headers.authorization !== undefined) {
      await authenticate(request, ctx); // a bad token is a 401, not a quieter answer
      detailed = true;
    }
    const body: HealthReply = { status, ...(detailed ? { agents } : {}) };
    return reply.status(status === 'ok' ? 200 : 503).send(body);
  });
}
