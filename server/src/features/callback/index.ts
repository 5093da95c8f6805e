/**
 * Callback (public surface, SPEC B5, J4): places the calls a user starts in the
 * app as their dial mode says — with "callback preferred" the server rings the
 * CallMe phone first, then hands it the destination (REFER, RFC 3515).
 */
export {
  CallbackDialer,
  CALLBACK_SIP_USER,
  type CallbackCall,
  type CallbackDialerOptions,
  type CallbackPhase,
  type PlacedBy,
} from './callback-dialer';

import type { ServerFeature } from '../../platform/server-feature';
import { registerCallbackRoutes } from './callback-routes';

/** POST /me/calls/place. */
export const callbackFeature: ServerFeature = { name: 'callback', register: registerCallbackRoutes };
