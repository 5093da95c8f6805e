/** Live events (public surface): WS /events, authenticated by its first frame, and its hub. */
import type { ServerFeature } from '../../platform/server-feature';
import { registerLiveEventsRoutes } from './live-events-routes';

export { LiveEventsHub, type LiveEventsHubOptions, type LiveSocket } from './live-events-hub';

/** WS /events: the change feed's `changed` and every feature's signals, per account. */
export const liveEventsFeature: ServerFeature = { name: 'live-events', register: registerLiveEventsRoutes };
