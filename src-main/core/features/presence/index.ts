/** The presence domain (see README.md): the user's own presence on the UC server. */
export { PresenceFeature } from './presence-feature';
export { PresenceApi } from './presence-api';
export { PresenceService, type PresenceTransport } from './presence-service';
export { OthersPresence, type OthersPresenceTransport, type OthersPresenceChange } from './others-presence';
