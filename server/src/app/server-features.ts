import { accountsFeature } from '../features/accounts';
import { authFeature } from '../features/auth';
import { devicesFeature } from '../features/devices';
import { callHistoryFeature } from '../features/call-history';
import { conferencesFeature } from '../features/conferences';
import { directoryFeature } from '../features/directory';
import { favoritesFeature } from '../features/favorites';
import { forwardingFeature } from '../features/forwarding';
import { callbackFeature } from '../features/callback';
import { healthFeature } from '../features/health';
import { iceFeature } from '../features/ice';
import { lampsFeature } from '../features/lamps';
import { liveEventsFeature } from '../features/live-events';
import { messagesFeature } from '../features/messages';
import { pickupFeature } from '../features/pickup';
import { presenceFeature } from '../features/presence';
import { routingFeature } from '../features/routing';
import { trunksFeature } from '../features/trunks';
import { voicemailFeature } from '../features/voicemail';
import type { ServerFeature } from '../platform/server-feature';

/**
 * The UC server's features, registered on /api/v1 in this order: one line per
 * feature. Adding a domain: create `features/<domain>/` (README.md, index.ts
 * exporting its ServerFeature, tables, migrations), add it here and its
 * migrations to `server-migrations.ts` (see server/README.md).
 */
export const SERVER_FEATURES: readonly ServerFeature[] = [
  accountsFeature,
  authFeature,
  directoryFeature,
  liveEventsFeature,
  voicemailFeature,
  presenceFeature,
  messagesFeature,
  favoritesFeature,
  forwardingFeature,
  callbackFeature,
  healthFeature,
  routingFeature,
  lampsFeature,
  pickupFeature,
  trunksFeature,
  devicesFeature,
  callHistoryFeature,
  conferencesFeature,
  iceFeature,
];
