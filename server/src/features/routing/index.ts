/** Call routing (public surface): the route Kamailio asks for every call to a user (do not disturb…). */
import type { ServerFeature } from '../../platform/server-feature';
import { registerRoutingRoutes } from './routing-routes';

export {
  routeCall,
  routingSecretOf,
  type CallRoute,
  type DiversionReason,
  type RingFallbacks,
  type TargetKind,
} from './call-routing';
export { CALL_ROUTE_PATH, callRoutingFor, proxyCheck } from './routing-routes';
export { mayWatch } from './watch-policy';

export const routingFeature: ServerFeature = { name: 'routing', register: registerRoutingRoutes };
