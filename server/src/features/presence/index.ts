/** Presence (public surface): each account's own presence, its return timers and who may see it. */
import type { ServerFeature } from '../../platform/server-feature';
import { registerPresenceRoutes } from './presence-routes';

export type * from './presence-tables';
export {
  DEFAULT_PRESENCE,
  MAX_PRESENCE_ACCOUNTS,
  PresenceService,
  effectivePresence,
  type PresenceServiceOptions,
  type PresenceTimers,
} from './presence-service';
export type { PresenceRoutesOptions } from './presence-routes';
export { migration0015Presence } from './migrations/0015-presence';

/** GET/PUT /me/presence and GET /presence. */
export const presenceFeature: ServerFeature = {
  name: 'presence',
  register: (api, ctx) => registerPresenceRoutes(api, ctx),
};
