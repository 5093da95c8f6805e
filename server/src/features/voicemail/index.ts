/**
 * Voicemail (public surface): the mailboxes (rows + WAV files), GET/PATCH/DELETE
 * /voicemails, the purge, MWI, and the voicemail service (a SIP user agent the
 * stack launcher starts next to the server).
 */
import type { ServerFeature } from '../../platform/server-feature';
import { registerVoicemailPinRoutes } from './voicemail-pin-routes';
import { registerVoicemailRoutes } from './voicemail-routes';

export type * from './voicemail-tables';
export { VoicemailAgent, DEFAULT_GREETING_PATH, type VoicemailAgentOptions } from './voicemail-agent';
export { VoicemailStore, LISTENED_RETENTION_MS, VOICEMAIL_DIR, type NewVoicemail } from './voicemail-store';
export { MwiPublisher, messageSummaryBody, type MwiPublisherOptions } from './mwi-publisher';
export { waitIceGathering } from './wait-ice-gathering';
export { answerAsDtlsServer } from './answer-as-dtls-server';
export { decodeWav, encodeMulaw, encodeWav, VOICEMAIL_SAMPLE_RATE } from './wav-codec';
export { PcmuMediaSession, type PcmuMediaSessionOptions } from './pcmu-media-session';
export { migration0014Voicemails } from './migrations/0014-voicemails';

/**
 * GET /voicemails, GET /voicemails/:id/audio, PATCH and DELETE /voicemails/:id, the hourly purge, and
 * GET/PUT /me/voicemail-pin.
 */
export const voicemailFeature: ServerFeature = {
  name: 'voicemail',
  async register(api, ctx) {
    await registerVoicemailRoutes(api, ctx);
    await registerVoicemailPinRoutes(api, ctx);
  },
};
