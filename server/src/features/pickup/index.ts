/** Pickup (public surface, SPEC D3): POST /calls/pickup, carried out by the SIP proxy. */
import type { ServerFeature } from '../../platform/server-feature';
import { registerPickupRoutes } from './pickup-routes';

export { requestKamailioPickup, type KamailioPickupResult } from './kamailio-pickup';

export const pickupFeature: ServerFeature = { name: 'pickup', register: registerPickupRoutes };
