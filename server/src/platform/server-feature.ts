import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './server-context';

/**
 * One feature of the UC server as the app sees it (the registry is
 * `app/server-features.ts`): a name and what it adds to the /api/v1 instance —
 * its routes, and whatever it runs while the server runs (timers, hubs, …),
 * stopped from an `onClose` hook of that instance. Its tables and migrations
 * are registered apart (declaration merging, `app/server-migrations.ts`).
 */
export interface ServerFeature {
  /** the domain name, e.g. `presence` */
  readonly name: string;
  register(api: FastifyInstance, ctx: ServerContext): Promise<void>;
}
