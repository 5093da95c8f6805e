/** Health (public surface): GET /health, from the SIP agents in the server context. */
import type { ServerFeature } from '../../platform/server-feature';
import { registerHealthRoutes } from './health-routes';

export type { HealthReply } from './health-routes';

export const healthFeature: ServerFeature = { name: 'health', register: registerHealthRoutes };
