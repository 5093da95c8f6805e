/** Call forwarding (public surface): each account's forwarding rules (SPEC J3, B2); call routing applies them. */
import type { ServerFeature } from '../../platform/server-feature';
import { registerForwardingRoutes } from './forwarding-routes';

export type * from './forwarding-tables';
export { ForwardingService, type ForwardingServiceOptions } from './forwarding-service';
export {
  AbsenceAnnouncer,
  absenceAnnouncementText,
  ANNOUNCEMENT_LANGUAGES,
  type AbsenceCall,
  type AnnouncementLanguage,
  type SpeechSynthesizer,
} from './absence-announcement';
export { migration0024Forwarding } from './migrations/0024-forwarding';

/** GET/PUT /me/forwarding. */
export const forwardingFeature: ServerFeature = { name: 'forwarding', register: registerForwardingRoutes };
