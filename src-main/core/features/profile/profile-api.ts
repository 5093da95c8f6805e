import { profileSchema, type Profile, type ProfileUpdate } from '../../../../src-preload/contract/profile';
import {
  voicemailPinStateSchema,
  type VoicemailPinChange,
  type VoicemailPinState,
} from '../../../../src-preload/contract/voicemail';
import type { UcHttpClient } from '../../platform/uc/uc-http-client';

/** The personal-data calls to the UC server (SPEC J1, J2, H4). */
export class ProfileApi {
  constructor(private readonly http: UcHttpClient) {}

  getProfile(): Promise<Profile> {
    return this.http.request('GET', '/me/profile', {}, profileSchema);
  }

  /** PATCH /me/profile (400 invalid-request with the refused fields as `rules`). */
  updateProfile(update: ProfileUpdate): Promise<Profile> {
    return this.http.request('PATCH', '/me/profile', { body: update }, profileSchema);
  }

  /** PUT /me/photo with the file as it is (400/413 invalid-photo with the reason as `rules`). */
  setPhoto(bytes: Uint8Array<ArrayBuffer>): Promise<Profile> {
    return this.http.request(
      'PUT',
      '/me/photo',
      { rawBody: { bytes, contentType: 'application/octet-stream' }, timeoutMs: 30_000 },
      profileSchema,
    );
  }

  removePhoto(): Promise<Profile> {
    return this.http.request('DELETE', '/me/photo', {}, profileSchema);
  }

  getPinState(): Promise<VoicemailPinState> {
    return this.http.request('GET', '/me/voicemail-pin', {}, voicemailPinStateSchema);
  }

  /** PUT /me/voicemail-pin (400 weak-pin with the broken rules, wrong-current-pin). */
  setPin(change: VoicemailPinChange): Promise<VoicemailPinState> {
    return this.http.request('PUT', '/me/voicemail-pin', { body: change }, voicemailPinStateSchema);
  }
}
