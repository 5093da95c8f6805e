/** Call history (public surface): one record per call and party, from Kamailio's call events (issue #13). */
import type { ServerFeature } from '../../platform/server-feature';
import { registerCallHistoryRoutes } from './call-history-routes';

export type * from './call-history-tables';
export { CALL_EVENTS_PATH, decodeCallEvent } from './call-history-routes';
export { CallHistoryService, DEFAULT_CALLS_PAGE, MAX_CALLS_PAGE } from './call-history-service';
export { applyCallEvent, failedResult, deviceKindOf, type CallEvent, type PartyRecord } from './call-record-rules';
export { migration0025CallRecords } from './migrations/0025-call-records';

/** POST /internal/call-events (Kamailio), GET /calls, POST /calls/read, POST /calls/delete. */
export const callHistoryFeature: ServerFeature = { name: 'call-history', register: registerCallHistoryRoutes };
