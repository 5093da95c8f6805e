/**
 * ICE (public surface): the STUN/TURN servers handed to clients (SPEC F5, issue #15) — at login in
 * the provisioning, and renewed with GET /me/ice-servers — with short-lived TURN REST credentials.
 */
import type { ServerFeature } from '../../platform/server-feature';
import { registerIceRoutes } from './ice-routes';

export { iceServersFor } from './ice-servers-for';
export { turnRestCredentials, type TurnCredentials } from './turn-credentials';

export const iceFeature: ServerFeature = { name: 'ice', register: registerIceRoutes };
