/** Conferences (public surface): permanent dial-in rooms mixed by Janus AudioBridge (SPEC I1–I6, issue #14). */
import type { ServerFeature } from '../../platform/server-feature';
import { registerConferenceRoutes } from './conference-routes';

export type * from './conferences-tables';
export { ConferenceService, CONFERENCE_DIAL_IN_NUMBER, type ConferenceAdmission } from './conference-service';
export {
  ConferenceAgent,
  END_AFTER_LAST_MODERATOR_MS,
  MAX_PIN_ATTEMPTS,
  type ConferenceAgentOptions,
} from './conference-agent';
export { JanusAudioBridge, type JanusAudioBridgeOptions } from './janus-audiobridge';
export { migration0026Conferences } from './migrations/0026-conferences';

/** GET/POST /conferences, GET/PATCH/DELETE /conferences/:id, /conferences/:id/participants[/:pid]. */
export const conferencesFeature: ServerFeature = { name: 'conferences', register: registerConferenceRoutes };
