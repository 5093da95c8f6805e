import {
  presenceSchema,
  type Presence,
  type PresenceSetRequest,
} from '../../../../src-preload/contract/presence/presence-http';
import type { UcHttpClient } from '../../platform/uc/uc-http-client';
import type { PresenceTransport } from './presence-service';

/** The presence calls to the UC server (SPEC B). */
export class PresenceApi implements PresenceTransport {
  constructor(private readonly http: UcHttpClient) {}

  /** GET /me/presence: the own presence (the server already applied a passed return time, SPEC B6). */
  getPresence(): Promise<Presence> {
    return this.http.request('GET', '/me/presence', {}, presenceSchema);
  }

  /** PUT /me/presence (400 invalid-request: return time with office or in the past, note too long). */
  setPresence(request: PresenceSetRequest): Promise<Presence> {
    return this.http.request('PUT', '/me/presence', { body: request }, presenceSchema);
  }
}
