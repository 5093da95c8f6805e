/**
 * Protocol between the engine's SessionDescriptionHandler (in main / the web
 * shell / Node tests) and a *media host* that owns the WebRTC peer connections:
 * the hidden media window in Electron, the browser page in the web shell, and
 * werift in Node integration tests.
 *
 * Every request is keyed by the SIP session id. The host always waits for ICE
 * gathering to complete before returning an SDP (SIP has no trickle ICE here).
 * Hold is expressed as direction `inactive` on the audio transceiver: a held
 * call carries no media either way.
 */
import { z } from 'zod';

export const iceServerSchema = z.strictObject({
  urls: z.union([z.string().min(1).max(512), z.array(z.string().min(1).max(512)).max(8)]),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

const sessionId = z.string().min(1).max(128);
/** a MediaDeviceInfo.deviceId (opaque, per origin) */
const deviceId = z.string().min(1).max(256);
const sdp = z
  .string()
  .min(1)
  .max(64 * 1024);

export const mediaRequestSchemas = {
  open: z.strictObject({ sessionId, iceServers: z.array(iceServerSchema).max(16) }),
  /** create an offer (initial INVITE or re-INVITE), set it local, return it once gathered */
  createOffer: z.strictObject({ sessionId, hold: z.boolean() }),
  /** answer the remote offer already set with setRemoteDescription */
  createAnswer: z.strictObject({ sessionId, hold: z.boolean() }),
  setRemoteDescription: z.strictObject({ sessionId, type: z.enum(['offer', 'answer']), sdp }),
  setMuted: z.strictObject({ sessionId, muted: z.boolean() }),
  /** RFC 4733 telephone-events; resolves false when the far end did not negotiate them */
  sendDtmf: z.strictObject({
    sessionId,
    tones: z.string().regex(/^[0-9A-D*#,]{1,32}$/),
    duration: z.number().int().min(40).max(6000),
    interToneGap: z.number().int().min(30).max(6000),
  }),
  close: z.strictObject({ sessionId }),
  /**
   * start/stop the local ring tone for an incoming call; `tone: 'waiting'` is the short call-waiting
   * tone played while another call is in progress (issue #15), the full ring tone otherwise
   */
  setRinging: z.strictObject({ ringing: z.boolean(), tone: z.enum(['ring', 'waiting']).optional() }),
  /** the audio devices the host can use (SPEC F4); labels may be empty when the platform hides them */
  listDevices: z.strictObject({}),
  /** whether VoIP can work in this host: WebRTC present, microphone permission (SPEC F5, issue #15) */
  probe: z.strictObject({}),
  /**
   * The user's complete device choice (SPEC F4): each id that is left out means
   * the system default. The host keeps the choice and uses the default while a
   * chosen device is missing, and the chosen one again when it comes back.
   */
  setDevices: z.strictObject({
    microphoneId: deviceId.optional(),
    speakerId: deviceId.optional(),
    ringingId: deviceId.optional(),
  }),
  /**
   * Local conference (SPEC F3): mixes these sessions — each sends its microphone plus the
   * remote audio of the others, so every far end hears us and each other (up to 8 parties:
   * us + 7). Sessions not listed send their microphone only; `[]` ends the mix. Muting a
   * mixed session mutes its microphone, not the others' voices.
   */
  setMix: z.strictObject({ sessionIds: z.array(sessionId).max(7) }),
} as const;

/** One audio device as {@link MediaResults.listDevices} reports it. */
export interface AudioDevice {
  deviceId: string;
  label: string;
}

/** What {@link MediaResults.probe} reports: can this host carry a call at all. */
export interface MediaProbe {
  /** `RTCPeerConnection` exists */
  webrtc: boolean;
  /** the microphone permission as the Permissions API says it ('unknown' where it cannot be asked) */
  microphone: 'granted' | 'denied' | 'prompt' | 'unknown';
}

/** Audio inputs (microphones) and outputs (speakers, ringing devices). */
export interface AudioDeviceList {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
}

export interface MediaResults {
  open: void;
  createOffer: { sdp: string };
  createAnswer: { sdp: string };
  setRemoteDescription: void;
  setMuted: void;
  sendDtmf: boolean;
  close: void;
  setRinging: void;
  listDevices: AudioDeviceList;
  setDevices: void;
  setMix: void;
  probe: MediaProbe;
}

export type MediaMethod = keyof typeof mediaRequestSchemas;
export type MediaParams<M extends MediaMethod> = z.infer<(typeof mediaRequestSchemas)[M]>;

/** Events a media host reports back to the engine. */
export interface MediaEvents {
  /** ICE/DTLS connection state of a session's peer connection */
  connectionState: {
    sessionId: string;
    state: 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';
  };
  /** first RTP audio received for a session (used by the bench) */
  firstAudio: { sessionId: string; at: number };
  /**
   * the audio devices changed (plugged/unplugged, SPEC F4); also sent when a
   * host starts or reconnects, so the engine applies the device choice again
   */
  devicesChanged: Record<string, never>;
}
export type MediaEventName = keyof MediaEvents;

/** The engine-side view of a media host. */
export interface MediaHost {
  request<M extends MediaMethod>(method: M, params: MediaParams<M>): Promise<MediaResults[M]>;
  onEvent<E extends MediaEventName>(event: E, listener: (payload: MediaEvents[E]) => void): () => void;
}

export function isMediaMethod(value: unknown): value is MediaMethod {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(mediaRequestSchemas, value);
}

/** Electron IPC channels between the shell and the media window. */
export const IPC_MEDIA_REQUEST = 'uc-media:request';
export const IPC_MEDIA_RESPONSE = 'uc-media:response';
export const IPC_MEDIA_EVENT = 'uc-media:event';

/**
 * The page side of the media protocol: what the Electron media preload exposes
 * as `window.ucMedia`, and what the web-shell bridge hands to the in-page media
 * host. The host registers one request handler and emits events.
 */
export interface MediaHostChannel {
  onRequest(handler: (method: MediaMethod, params: unknown) => Promise<unknown>): void;
  emit<E extends MediaEventName>(event: E, payload: MediaEvents[E]): void;
}
