import type {
  BodyAndContentType,
  SessionDescriptionHandler,
  SessionDescriptionHandlerModifier,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import { answerAsDtlsServer } from './answer-as-dtls-server';
import { waitIceGathering } from './wait-ice-gathering';

/** RTP payload type of PCMU (RFC 3551 static). */
const PCMU_PT = 0;
/** RTP payload type offered/answered for telephone-event (RFC 4733) when {@link PcmuMediaSessionOptions.telephoneEvents}. */
const TELEPHONE_EVENT_PT = 101;
/** RFC 4733 §3.2 event codes 0–15 as keypad digits. */
const DTMF_DIGITS = '0123456789*#ABCD';
/** 20 ms of 8 kHz audio: one RTP packet. */
export const SAMPLES_PER_FRAME = 160;
const FRAME_MS = 20;
const MULAW_SILENCE = 0xff;
/** ICE gathering on a host takes milliseconds; this bounds a stuck gatherer. */
const GATHER_TIMEOUT_MS = 5_000;
/** Frames kept back for sending: bounds the memory of a caller of playFrames. */
const MAX_QUEUED_FRAMES = 50 * 60;

/** One received RTP audio packet. */
export interface ReceivedAudio {
  /** µ-law bytes */
  payload: Uint8Array;
  /** RTP timestamp (8 kHz units) */
  timestamp: number;
  sequenceNumber: number;
}

/** Options of {@link PcmuMediaSession}. */
export interface PcmuMediaSessionOptions {
  /**
   * Gather ICE candidates on this IPv4 address only and put only those in the
   * SDP (127.0.0.1 for the dev stack and the tests). Default: every interface.
   */
  bindAddress?: string;
  /** negotiate telephone-event/8000 (RFC 4733) and report the digits received ({@link PcmuMediaSession.onDigit}) */
  telephoneEvents?: boolean;
  logger?: (message: string) => void;
}

/**
 * A sip.js {@link SessionDescriptionHandler} doing WebRTC itself with werift
 * (pure TypeScript): one audio stream, PCMU only (G.711 µ-law, RFC 3551),
 * DTLS-SRTP as WebRTC requires (RFC 8827), no trickle ICE (the SDP carries
 * every candidate). Sends the µ-law frames queued with {@link playFrames}
 * every 20 ms (silence when the queue is empty) and reports every received
 * audio packet. Used by the voicemail agent (answerer) and by tests (offerer).
 *
 * @see https://www.rfc-editor.org/rfc/rfc3264 the offer/answer model
 */
export class PcmuMediaSession implements SessionDescriptionHandler {
  readonly pc: RTCPeerConnection;
  private transceiver: RTCRtpTransceiver | undefined;
  private readonly queue: Uint8Array[] = [];
  private readonly drained: Array<() => void> = [];
  private readonly closeWaiters = new Set<(connected: boolean) => void>();
  private readonly audioListeners = new Set<(audio: ReceivedAudio) => void>();
  private readonly digitListeners = new Set<(digit: string) => void>();
  /** RTP timestamp of the last telephone-event reported (its end packet is sent 3 times, RFC 4733 §2.5.1.4) */
  private lastEventTimestamp: number | undefined;
  /** frames are sent as they come ({@link sendFrame}), not paced by the timer */
  private passthrough = false;
  private readonly bindAddress: string | undefined;
  private readonly log: (message: string) => void;
  private timer: ReturnType<typeof setInterval> | undefined;
  private seq = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff) >>> 0;
  private sentFrames = 0;
  private haveLocalOffer = false;
  private closed = false;

  constructor(options: PcmuMediaSessionOptions = {}) {
    this.bindAddress = options.bindAddress;
    this.log = options.logger ?? (() => undefined);
    this.pc = new RTCPeerConnection({
      // no STUN: the server answers with its host candidates (werift's default is a public STUN host)
      iceServers: [],
      iceUseIpv6: false,
      ...(this.bindAddress
        ? { iceInterfaceAddresses: { udp4: this.bindAddress }, iceAdditionalHostAddresses: [this.bindAddress] }
        : {}),
      codecs: {
        audio: [
          new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: PCMU_PT }),
          ...(options.telephoneEvents
            ? [
                new RTCRtpCodecParameters({
                  mimeType: 'audio/telephone-event',
                  clockRate: 8000,
                  channels: 1,
                  payloadType: TELEPHONE_EVENT_PT,
                }),
              ]
            : []),
        ],
        video: [],
      },
    });
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        if (rtp.header.payloadType === TELEPHONE_EVENT_PT && options.telephoneEvents) {
          this.onTelephoneEvent(rtp.header.timestamp, rtp.payload);
          return;
        }
        if (rtp.header.payloadType !== PCMU_PT) return;
        const audio = {
          payload: rtp.payload,
          timestamp: rtp.header.timestamp,
          sequenceNumber: rtp.header.sequenceNumber,
        };
        for (const listener of [...this.audioListeners]) listener(audio);
      });
    });
  }

  /** ICE + DTLS are up: audio can flow. */
  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  /** Subscribes to received PCMU packets; returns the unsubscribe function. */
  onAudio(listener: (audio: ReceivedAudio) => void): () => void {
    this.audioListeners.add(listener);
    return () => this.audioListeners.delete(listener);
  }

  /** Subscribes to keypad digits received as RFC 4733 telephone-events; returns the unsubscribe function. */
  onDigit(listener: (digit: string) => void): () => void {
    this.digitListeners.add(listener);
    return () => this.digitListeners.delete(listener);
  }

  /**
   * Sends one 20 ms µ-law frame now (audio relayed from a mixer, paced by its
   * sender); from the first call on, the timer stops sending queued frames and silence.
   */
  sendFrame(mulaw: Uint8Array): void {
    this.passthrough = true;
    const t = this.transceiver;
    if (this.closed || !t || !this.connected) return;
    this.sendPacket(t, mulaw);
  }

  /**
   * Queues µ-law audio (any length; cut in 20 ms frames, the last one padded
   * with silence) and resolves when the last frame was sent or the session closed.
   */
  playFrames(mulaw: Uint8Array): Promise<void> {
    for (let i = 0; i < mulaw.length && this.queue.length < MAX_QUEUED_FRAMES; i += SAMPLES_PER_FRAME) {
      const frame = new Uint8Array(SAMPLES_PER_FRAME).fill(MULAW_SILENCE);
      frame.set(mulaw.subarray(i, i + SAMPLES_PER_FRAME));
      this.queue.push(frame);
    }
    if (this.closed || this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  /**
   * Resolves once ICE/DTLS is connected (false after `timeoutMs`, or when the
   * session fails or is closed). Its timer never outlives the answer: a
   * session closed already (the caller hung up right after the 200 OK) answers
   * at once, as werift emits no more state changes then, and {@link close}
   * settles the waiters itself rather than rely on werift's last event.
   */
  waitConnected(timeoutMs: number): Promise<boolean> {
    if (this.connected) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (connected: boolean): void => {
        clearTimeout(timer);
        sub.unSubscribe();
        this.closeWaiters.delete(finish);
        resolve(connected);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const sub = this.pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected' || state === 'failed' || state === 'closed') finish(state === 'connected');
      });
      this.closeWaiters.add(finish);
    });
  }

  // ------------------------------------------------------------ SessionDescriptionHandler

  async getDescription(
    _options?: SessionDescriptionHandlerOptions,
    modifiers?: Array<SessionDescriptionHandlerModifier>,
  ): Promise<BodyAndContentType> {
    this.assertOpen();
    const answering = this.pc.signalingState === 'have-remote-offer';
    this.transceiver ??=
      this.pc.getTransceivers().find((t) => t.kind === 'audio') ??
      this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.transceiver.setDirection('sendrecv');
    const description = answering ? await this.pc.createAnswer() : await this.pc.createOffer();
    await this.pc.setLocalDescription(description);
    this.haveLocalOffer = !answering;
    await waitIceGathering(this.pc, GATHER_TIMEOUT_MS);
    let sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('no local description');
    if (this.bindAddress) sdp = onlyCandidatesOn(sdp, this.bindAddress);
    for (const modifier of modifiers ?? []) {
      sdp = (await modifier({ type: answering ? 'answer' : 'offer', sdp })).sdp ?? sdp;
    }
    this.startTimer();
    return { body: sdp, contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType.split(';')[0]!.trim().toLowerCase() === 'application/sdp';
  }

  async rollbackDescription(): Promise<void> {
    this.haveLocalOffer = false;
  }

  async setDescription(
    sdp: string,
    _options?: SessionDescriptionHandlerOptions,
    modifiers?: Array<SessionDescriptionHandlerModifier>,
  ): Promise<void> {
    this.assertOpen();
    const type = this.haveLocalOffer ? 'answer' : 'offer';
    let finalSdp = sdp;
    for (const modifier of modifiers ?? []) finalSdp = (await modifier({ type, sdp: finalSdp })).sdp ?? finalSdp;
    await this.pc.setRemoteDescription({ type, sdp: finalSdp });
    // answering rtpengine (desk phones, trunks): be the DTLS server, the role that never stalls with it
    if (type === 'offer') answerAsDtlsServer(this.pc, finalSdp);
    this.haveLocalOffer = false;
    this.transceiver ??= this.pc.getTransceivers().find((t) => t.kind === 'audio');
  }

  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
    this.flushDrained();
    for (const finish of [...this.closeWaiters]) finish(false);
    this.audioListeners.clear();
    this.digitListeners.clear();
    this.pc.close().catch((e: unknown) => this.log(`media close failed: ${String(e)}`));
  }

  // ------------------------------------------------------------ internals

  private startTimer(): void {
    this.timer ??= setInterval(() => this.tick(), FRAME_MS);
  }

  private tick(): void {
    const t = this.transceiver;
    if (this.closed || !t || !this.connected || this.passthrough) return;
    const frame = this.queue.shift() ?? silence;
    this.sendPacket(t, frame);
    if (this.queue.length === 0) this.flushDrained();
  }

  /**
   * One RFC 4733 event packet: event code, E bit, volume, duration. A digit is
   * reported once, at its first end packet (the end is repeated; one
   * timestamp per event).
   */
  private onTelephoneEvent(timestamp: number, payload: Buffer): void {
    if (payload.length < 4) return;
    const ended = (payload[1]! & 0x80) !== 0;
    if (!ended || timestamp === this.lastEventTimestamp) return;
    this.lastEventTimestamp = timestamp;
    const digit = DTMF_DIGITS[payload[0]!];
    if (digit === undefined) return;
    for (const listener of [...this.digitListeners]) listener(digit);
  }

  private sendPacket(t: RTCRtpTransceiver, frame: Uint8Array): void {
    const header = new RtpHeader({
      payloadType: PCMU_PT,
      sequenceNumber: this.seq,
      timestamp: this.timestamp,
      marker: this.sentFrames === 0,
    });
    this.seq = (this.seq + 1) & 0xffff;
    this.timestamp = (this.timestamp + SAMPLES_PER_FRAME) >>> 0;
    this.sentFrames += 1;
    t.sender.sendRtp(new RtpPacket(header, Buffer.from(frame))).catch(() => undefined);
  }

  private flushDrained(): void {
    for (const resolve of this.drained.splice(0)) resolve();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('media session closed');
  }
}

const silence = new Uint8Array(SAMPLES_PER_FRAME).fill(MULAW_SILENCE);

/** Keeps only the ICE candidates on `address` (the others are not reachable from where we listen). */
function onlyCandidatesOn(sdp: string, address: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') || line.includes(` ${address} `))
    .join('\r\n');
}
