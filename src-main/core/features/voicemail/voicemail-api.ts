import {
  voicemailListResponseSchema,
  voicemailSchema,
  type Voicemail,
} from '../../../../src-preload/contract/voicemail/voicemail-http';
import { UcClientError } from '../../platform/uc/uc-client-error';
import { snippet, type UcHttpClient } from '../../platform/uc/uc-http-client';
import type { VoicemailTransport } from './voicemail-service';

/** Largest voicemail WAV accepted: 120 s of 16-bit 8 kHz is 1.92 MB (SPEC H). */
const MAX_VOICEMAIL_REPLY_BYTES = 4 * 1024 * 1024;

/** The mailbox calls to the UC server (SPEC H). */
export class VoicemailApi implements VoicemailTransport {
  constructor(private readonly http: UcHttpClient) {}

  /** GET /voicemails: the user's mailbox, newest first. */
  async listVoicemails(): Promise<Voicemail[]> {
    return (await this.http.request('GET', '/voicemails', {}, voicemailListResponseSchema)).voicemails;
  }

  /** GET /voicemails/:id/audio: the WAV bytes, or undefined when the message is gone (404). */
  async getVoicemailAudio(id: string): Promise<Uint8Array | undefined> {
    const reply = await this.http.requestBinary('GET', `/voicemails/${encodeURIComponent(id)}/audio`, {
      accept: 'audio/wav',
    });
    if (reply.status === 404) return undefined;
    const mime = reply.contentType.split(';')[0]!.trim().toLowerCase();
    if (mime !== 'audio/wav' || reply.bytes.length < 44 || reply.bytes.length > MAX_VOICEMAIL_REPLY_BYTES) {
      throw new UcClientError(
        'bad-server-reply',
        `the UC server sent ${snippet(mime)} of ${reply.bytes.length} bytes instead of a WAV (GET /voicemails/:id/audio)`,
        { status: reply.status },
      );
    }
    return reply.bytes;
  }

  /** PATCH /voicemails/:id {listened}. */
  setVoicemailListened(id: string, listened: boolean): Promise<Voicemail> {
    return this.http.request('PATCH', `/voicemails/${encodeURIComponent(id)}`, { body: { listened } }, voicemailSchema);
  }

  /** DELETE /voicemails/:id; false when it was already gone (404). */
  async deleteVoicemail(id: string): Promise<boolean> {
    const reply = await this.http.requestBinary('DELETE', `/voicemails/${encodeURIComponent(id)}`, {
      accept: 'application/json',
    });
    return reply.status !== 404;
  }
}
