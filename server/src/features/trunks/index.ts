/** SIP trunks (public surface): carriers, DIDs, the dial plan and Kamailio's trunk queries (issue #12). */
import type { ServerFeature } from '../../platform/server-feature';
import { registerTrunksRoutes } from './trunks-routes';

export type * from './trunks-tables';
export {
  DEFAULT_EMERGENCY_NUMBERS,
  classifyDialed,
  emergencyDialStrings,
  provisionedDialPlan,
  formatForCarrier,
  normalizeCarrierNumber,
  type DialPlanSettings,
  type DialedNumber,
} from './dial-plan';
export {
  TrunkError,
  addDid,
  addTrunk,
  listDids,
  listTrunks,
  readDialPlanSettings,
  removeDid,
  removeTrunk,
  writeDialPlanSettings,
  type NewTrunk,
  type Trunk,
} from './trunk-store';
export { routeInbound, routeOutbound, type TrunkInRoute, type TrunkOutRoute } from './trunk-routing';
export { TRUNK_IN_PATH, TRUNK_OUT_PATH } from './trunks-routes';
export { EMERGENCY_HTABLE, EmergencyFallbackSync, type EmergencyFallbackSyncOptions } from './emergency-fallback-sync';
export {
  runTrunkCommand,
  TRUNK_COMMANDS,
  TRUNK_USAGE,
  type TrunkCommand,
  type TrunkCommandOptions,
} from './trunks-command';
export { migration0022Trunks } from './migrations/0022-trunks';

/** Kamailio's trunk-out / trunk-in queries (internal listener only). */
export const trunksFeature: ServerFeature = { name: 'trunks', register: registerTrunksRoutes };
