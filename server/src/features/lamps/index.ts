/** Busy lamps (public surface): each internal user's line state from Kamailio (SPEC B4). */
import type { ServerFeature } from '../../platform/server-feature';
import { registerLampsRoutes } from './lamps-routes';

export { LINE_EVENTS_PATH, type LampsRoutesOptions } from './lamps-routes';
export { LampsService, type LineEventBatch } from './lamps-service';
export { deriveLineState, type LineDialog, type PartyKind } from './derive-line-state';
export { parseDialogInfo, MalformedDialogInfoError, type DialogInfoDocument } from './dialog-info';

/** POST /internal/line-events (Kamailio), and the reconcile that reads Kamailio's registrations and calls. */
export const lampsFeature: ServerFeature = { name: 'lamps', register: (api, ctx) => registerLampsRoutes(api, ctx) };
