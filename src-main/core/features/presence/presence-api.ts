import {
  presenceListResponseSchema,
  presenceSchema,
  type Presence,
  type PresenceListResponse,
  type PresenceSetRequest,
} from '../../../../src-preload/contract/presence/presence-http';
import type { UcHttpClient } from '../../platform/uc/uc-http-client';
import type { OthersPresenceTransport } from './others-presence';
import type { PresenceTransport } from './presence-service';

/** The presence calls to the UC server (SPEC B). */
export class PresenceApi implements PresenceTransport, OthersPresenceTransport {
  constructor(private readonly http: UcHttpClient) {}

  /** GET /me/presence: the own presence (the server already applied a passed return time, SPEC B6). */
  getPresence(): Promise<Presence> {
    return this.http.request('GET', '/me/presence', {}, presenceSchema);
  }

  /** PUT /me/presence (400 invalid-request: return time with office or in the past, note too long). */
  setPresence(request: PresenceSetRequest): Promise<Presence> {
    return this.http.request('PUT', '/me/presence', { body: request }, presenceSchema);
  }

  /** GET /presence?accounts=: others' presence as their visibility allows (SPEC B3/B4; at most 200 numbers). */
  listPresence(numbers: readonly string[]): Promise<PresenceListResponse> {
    const query = `accounts=${encodeURIComponent(numbers.join(','))}`;
    return this.http.request('GET', `/presence?${query}`, {}, presenceListResponseSchema);
  }
}
