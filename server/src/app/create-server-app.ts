import type { FastifyInstance } from 'fastify';
import { UC_API_BASE_PATH } from '../../../src-preload/contract/platform';
import { createHttpApp, type HttpAppOptions } from '../platform/http/create-http-app';
import type { ServerContext } from '../platform/server-context';
import { SERVER_FEATURES } from './server-features';

/** Options of {@link createServerApp}. */
export type ServerAppOptions = HttpAppOptions;

/**
 * Builds the UC server HTTP app (not listening yet): the API under /api/v1 —
 * GET /api/v1/openapi.json generated from the route schemas, then every
 * feature of {@link SERVER_FEATURES}, in its order.
 */
export async function createServerApp(ctx: ServerContext, options: ServerAppOptions = {}): Promise<FastifyInstance> {
  const app = await createHttpApp(options);
  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      for (const feature of SERVER_FEATURES) await feature.register(api, ctx);
    },
    { prefix: UC_API_BASE_PATH },
  );
  return app;
}
