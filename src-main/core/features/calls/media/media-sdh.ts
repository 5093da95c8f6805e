import { randomUUID } from 'node:crypto';
import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerModifier,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import type { IceServer, MediaEvents, MediaHost } from '../../../../../src-preload/contract/media-contract';
import { TypedEmitter } from '../../../platform/typed-emitter';
import { telephoneEventPayloadType } from './sdp-inspect';

/** SDH options understood by {@link MediaSessionDescriptionHandler}. */
export interface MediaSdhOptions extends SessionDescriptionHandlerOptions {
  /**
   * Offer/answer with the audio stream `inactive` (RFC 3264 §8.4). Set on
   * `session.sessionDescriptionHandlerOptionsReInvite` so that both our hold
   * re-INVITE and our answers to the far end's re-INVITEs keep the call held.
   */
  hold?: boolean;
}

/** DTMF timing passed as the `options` of {@link MediaSessionDescriptionHandler.sendDtmf}. */
export interface DtmfOptions {
  duration?: number;
  interToneGap?: number;
}

export type MediaConnectionState = MediaEvents['connectionState']['state'];

/** Offer/answer position of the SDH, mirroring RTCSignalingState (RFC 3264 §4). */
type Signaling = 'stable' | 'have-local-offer' | 'have-remote-offer';

export interface MediaSdhConfig {
  host: MediaHost;
  iceServers: IceServer[];
  /** media session id; a fresh UUID by default (the SIP ids of both ends of a call are equal) */
  sessionId?: string;
  logger?: (message: string) => void;
}

/**
 * A sip.js {@link SessionDescriptionHandler} that does no WebRTC itself: it
 * forwards every offer/answer step to a {@link MediaHost} (hidden media window,
 * browser page or werift) keyed by a media session id. The host waits for ICE
 * gathering to complete, so the SDP returned here is complete (no trickle ICE
 * in SIP, RFC 8840 is not used).
 *
 * @see https://sipjs.com/api/0.21.0/sip.js.sessiondescriptionhandler SessionDescriptionHandler
 * @see https://www.rfc-editor.org/rfc/rfc3264 the offer/answer model
 * @see https://www.rfc-editor.org/rfc/rfc4733 telephone-events
 */
export class MediaSessionDescriptionHandler implements SessionDescriptionHandler {
  /** Key of this call in the media host. */
  readonly mediaSessionId: string;
  private readonly host: MediaHost;
  private readonly iceServers: IceServer[];
  private readonly log: (message: string) => void;
  private opened: Promise<void> | undefined;
  private signaling: Signaling = 'stable';
  private closed = false;
  private localSdp: string | undefined;
  private remoteSdpValue: string | undefined;
  private readonly unsubscribe: () => void;
  private readonly didSetRemote = new TypedEmitter<{ type: 'offer' | 'answer'; sdp: string }>();
  private readonly didChangeConnection = new TypedEmitter<MediaConnectionState>();

  /** Fires after a remote offer or answer has been applied (used for hold detection). */
  readonly onDidSetRemoteDescription = this.didSetRemote.event;
  /** ICE/DTLS state reported by the host for this session. */
  readonly onDidChangeConnectionState = this.didChangeConnection.event;

  constructor(config: MediaSdhConfig) {
    this.host = config.host;
    this.iceServers = config.iceServers;
    this.mediaSessionId = config.sessionId ?? randomUUID();
    this.log = config.logger ?? (() => undefined);
    this.unsubscribe = this.host.onEvent('connectionState', (e) => {
      if (e.sessionId === this.mediaSessionId) this.didChangeConnection.fire(e.state);
    });
  }

  /** The last remote SDP applied, if any. */
  get remoteSdp(): string | undefined {
    return this.remoteSdpValue;
  }

  /** Whether both SDPs list RFC 4733 telephone-event, i.e. in-band DTMF can be sent. */
  get telephoneEventsNegotiated(): boolean {
    if (!this.remoteSdpValue || telephoneEventPayloadType(this.remoteSdpValue) === undefined) return false;
    return this.localSdp === undefined || telephoneEventPayloadType(this.localSdp) !== undefined;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.didSetRemote.dispose();
    this.didChangeConnection.dispose();
    // Only a host that was opened has something to close.
    if (this.opened) {
      this.host.request('close', { sessionId: this.mediaSessionId }).catch((err: unknown) => {
        this.log(`media close failed: ${String(err)}`);
      });
    }
  }

  async getDescription(
    options?: MediaSdhOptions,
    modifiers?: Array<SessionDescriptionHandlerModifier>,
  ): Promise<BodyAndContentType> {
    this.assertOpen();
    await this.open();
    const hold = options?.hold === true;
    const answering = this.signaling === 'have-remote-offer';
    const { sdp } = answering
      ? await this.host.request('createAnswer', { sessionId: this.mediaSessionId, hold })
      : await this.host.request('createOffer', { sessionId: this.mediaSessionId, hold });
    this.assertOpen();
    this.signaling = answering ? 'stable' : 'have-local-offer';
    const modified = await applyModifiers({ type: answering ? 'answer' : 'offer', sdp }, modifiers);
    this.localSdp = modified.sdp ?? sdp;
    return { body: this.localSdp, contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType.split(';')[0]!.trim().toLowerCase() === 'application/sdp';
  }

  async rollbackDescription(): Promise<void> {
    // The media protocol has no rollback; the next offer/answer simply replaces
    // the pending one in the host. Only our own offer/answer position resets.
    this.signaling = 'stable';
  }

  async setDescription(
    sdp: string,
    _options?: MediaSdhOptions,
    modifiers?: Array<SessionDescriptionHandlerModifier>,
  ): Promise<void> {
    this.assertOpen();
    await this.open();
    const type = this.signaling === 'have-local-offer' ? 'answer' : 'offer';
    const modified = await applyModifiers({ type, sdp }, modifiers);
    const finalSdp = modified.sdp ?? sdp;
    await this.host.request('setRemoteDescription', { sessionId: this.mediaSessionId, type, sdp: finalSdp });
    this.assertOpen();
    this.signaling = type === 'answer' ? 'stable' : 'have-remote-offer';
    this.remoteSdpValue = finalSdp;
    this.didSetRemote.fire({ type, sdp: finalSdp });
  }

  /**
   * Sends DTMF in the RTP stream (RFC 4733). Synchronous by the sip.js
   * contract: returns `false` at once when telephone-events were not
   * negotiated, so the caller falls back to SIP INFO (RFC 6086).
   */
  sendDtmf(tones: string, options?: unknown): boolean {
    if (this.closed || !this.opened || !this.telephoneEventsNegotiated) return false;
    const upper = tones.toUpperCase();
    if (!/^[0-9A-D*#,]{1,32}$/.test(upper)) return false;
    const o = (options ?? {}) as DtmfOptions;
    const duration = clamp(o.duration ?? 100, 40, 6000);
    const interToneGap = clamp(o.interToneGap ?? 70, 30, 6000);
    this.host
      .request('sendDtmf', { sessionId: this.mediaSessionId, tones: upper, duration, interToneGap })
      .then((sent) => {
        if (!sent) this.log(`media host did not send DTMF ${upper}`);
      })
      .catch((err: unknown) => this.log(`media sendDtmf failed: ${String(err)}`));
    return true;
  }

  /** Mutes the microphone of this call in the media host (no signalling involved). */
  async setMuted(muted: boolean): Promise<void> {
    if (this.closed) return;
    await this.open();
    await this.host.request('setMuted', { sessionId: this.mediaSessionId, muted });
  }

  private open(): Promise<void> {
    this.opened ??= this.host.request('open', { sessionId: this.mediaSessionId, iceServers: this.iceServers });
    return this.opened;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`media session ${this.mediaSessionId} is closed`);
  }
}

async function applyModifiers(
  description: { type: 'offer' | 'answer'; sdp: string },
  modifiers: Array<SessionDescriptionHandlerModifier> | undefined,
): Promise<RTCSessionDescriptionInit> {
  let current: RTCSessionDescriptionInit = description;
  for (const modifier of modifiers ?? []) current = await modifier(current);
  return current;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Notified when sip.js creates an SDH for a session (the call then subscribes to it). */
export type SdhCreatedListener = (session: Session, sdh: MediaSessionDescriptionHandler) => void;

/**
 * The media part of sip.js `UserAgentOptions`: spread it into the options of
 * a UserAgent so every session negotiates through `host`.
 */
export function mediaUserAgentOptions(config: Parameters<typeof createMediaSdhFactory>[0]): {
  sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory;
} {
  return { sessionDescriptionHandlerFactory: createMediaSdhFactory(config) };
}

/**
 * The `sessionDescriptionHandlerFactory` to put in the UserAgent options:
 * every SIP session gets its own {@link MediaSessionDescriptionHandler} on the
 * given host.
 */
export function createMediaSdhFactory(config: {
  host: MediaHost;
  iceServers: IceServer[];
  logger?: (message: string) => void;
  onCreated?: SdhCreatedListener;
}): SessionDescriptionHandlerFactory {
  return (session: Session): SessionDescriptionHandler => {
    const sdh = new MediaSessionDescriptionHandler({
      host: config.host,
      iceServers: config.iceServers,
      ...(config.logger ? { logger: config.logger } : {}),
    });
    config.onCreated?.(session, sdh);
    return sdh;
  };
}
