/**
 * A {@link MediaHost} on werift (pure-TypeScript WebRTC) for Node tests: real
 * ICE, DTLS-SRTP and RTP between two engines on 127.0.0.1, with counters the
 * tests can assert on.
 *
 * - One audio transceiver per session, PCMU/8000 (PT 0) and
 *   telephone-event/8000 (PT 101, RFC 4733).
 * - No ICE server at all unless the engine passes some (werift's default is a
 *   public STUN host), sockets bound to 127.0.0.1 only, and the SDP carries
 *   only 127.0.0.1 candidates.
 * - Every 20 ms each session whose negotiated direction allows sending sends a
 *   160-byte PCMU frame of a 440 Hz tone (silence while muted); hold is
 *   direction `inactive`, so a held call sends nothing.
 * - Received PCMU packets are counted per session; received telephone-events
 *   are decoded into digits (RFC 4733 §2.3, one digit per event, at its end).
 * - With `speech` (8 kHz samples, e.g. a WAV made by speech-wav.ts), that audio is
 *   sent in a loop instead of the tone, and what each session receives is kept
 *   ({@link WeriftMediaHost.takeReceivedAudio}) for an envelope comparison.
 */
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket,
  type MediaStreamTrack,
  type RTCRtpTransceiver,
} from 'werift';
import type {
  IceServer,
  MediaEventName,
  MediaEvents,
  MediaHost,
  MediaMethod,
  MediaParams,
  MediaResults,
} from '../../src-preload/contract/media-contract';
import { mediaRequestSchemas } from '../../src-preload/contract/media-contract';
import { answerAsDtlsServer } from '../../server/src/features/voicemail/answer-as-dtls-server';
import { waitIceGathering } from '../../server/src/features/voicemail/wait-ice-gathering';
import { encodeMulaw, mulawToLinear } from '../../server/src/features/voicemail/wav-codec';

const PCMU_PT = 0;
const TELEPHONE_EVENT_PT = 101;
const FRAME_MS = 20;
const SAMPLES_PER_FRAME = 160;
const MULAW_SILENCE = 0xff;
/** ICE gathering on loopback takes milliseconds; this bounds a stuck gatherer. */
const GATHER_TIMEOUT_MS = 5_000;

/** Per-session counters exposed to tests. */
export interface WeriftSessionStats {
  /** PCMU packets received */
  rxAudioPackets: number;
  /** of those, packets of pure μ-law silence (what a muted far end sends) */
  rxSilentPackets: number;
  /**
   * of those, packets with audible sound (mean |sample| above {@link LOUD_MEAN_ABS}, µ-law decoded): what
   * a mixer's output holds while someone else talks (a mixer's silence is not always pure 0xFF bytes)
   */
  rxLoudPackets: number;
  /** PCMU packets handed to the sender */
  txAudioPackets: number;
  /** telephone-event packets received */
  rxDtmfPackets: number;
  /** digits decoded from received telephone-events, in order */
  rxDigits: string;
  /** last ICE/DTLS connection state */
  connectionState: MediaEvents['connectionState']['state'];
  /** negotiated direction of the audio transceiver */
  direction: string | undefined;
  muted: boolean;
  closed: boolean;
}

interface Session {
  id: string;
  pc: RTCPeerConnection;
  transceiver: RTCRtpTransceiver | undefined;
  stats: WeriftSessionStats;
  seq: number;
  timestamp: number;
  /** true while telephone-events are being sent: audio frames pause (RFC 4733 §2.5.1.2) */
  sendingDtmf: boolean;
  lastDtmfTimestamp: number | undefined;
  firstAudioSeen: boolean;
  /** received PCMU payloads since the last takeReceivedAudio() (only with `speech`) */
  received: Buffer[];
  /** the last remote description applied */
  remoteSdp: string | undefined;
}

/** Options of {@link WeriftMediaHost}. */
export interface WeriftMediaHostOptions {
  /** audio to send in a loop instead of the 440 Hz tone: mono 8 kHz samples in [-1, 1] */
  readonly speech?: Float32Array;
  /** 'relay': only TURN relayed candidates (RTCConfiguration.iceTransportPolicy), to prove TURN carries a call */
  readonly iceTransportPolicy?: 'all' | 'relay';
}

type Listener<E extends MediaEventName> = (payload: MediaEvents[E]) => void;

const toneFrames = buildToneFrames();

/** What listDevices answers: werift has no devices, so a fixed fake list. */
export const WERIFT_FAKE_DEVICES: MediaResults['listDevices'] = {
  inputs: [{ deviceId: 'werift-mic', label: 'Werift tone generator' }],
  outputs: [
    { deviceId: 'werift-speaker', label: 'Werift RTP counter' },
    { deviceId: 'werift-ringer', label: 'Werift ringer' },
  ],
};

export class WeriftMediaHost implements MediaHost {
  private readonly sessions = new Map<string, Session>();
  /** Stats survive close() so tests can read the final numbers. */
  private readonly statsById = new Map<string, WeriftSessionStats>();
  private readonly listeners = new Map<MediaEventName, Set<(payload: never) => void>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private ringing = false;
  private ringTone: 'ring' | 'waiting' | 'none' = 'none';
  private devices: MediaParams<'setDevices'> = {};
  /** the sessions of the last setMix (a local conference, SPEC F3) */
  mixed: string[] = [];
  private disposed = false;
  private readonly speechFrames: Buffer[] | undefined;
  private readonly iceTransportPolicy: 'all' | 'relay';

  constructor(options: WeriftMediaHostOptions = {}) {
    this.speechFrames = options.speech ? mulawFrames(options.speech) : undefined;
    this.iceTransportPolicy = options.iceTransportPolicy ?? 'all';
  }

  /**
   * What the session received since the last call (μ-law decoded, 8 kHz, in arrival order; lost
   * packets leave no gap) — only with the `speech` option. Clears the buffer.
   */
  takeReceivedAudio(sessionId: string): { sampleRate: number; samples: Float32Array } {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`unknown media session ${sessionId}`);
    const bytes = Buffer.concat(s.received);
    s.received = [];
    const samples = new Float32Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) samples[i] = mulawToLinear(bytes[i]!) / 32768;
    return { sampleRate: 8000, samples };
  }

  async request<M extends MediaMethod>(method: M, params: MediaParams<M>): Promise<MediaResults[M]> {
    if (this.disposed) throw new Error('media host disposed');
    // Validate like the real hosts do: a bad request is a bug in the engine.
    const p = mediaRequestSchemas[method].parse(params) as MediaParams<MediaMethod>;
    const result = await this.handle(method, p);
    return result as MediaResults[M];
  }

  onEvent<E extends MediaEventName>(event: E, listener: (payload: MediaEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Counters of a session (also after it was closed). */
  stats(sessionId: string): WeriftSessionStats | undefined {
    const s = this.statsById.get(sessionId);
    return s ? { ...s } : undefined;
  }

  /** The last SDP the session got from the far end (while it is open). */
  remoteSdp(sessionId: string): string | undefined {
    return this.sessions.get(sessionId)?.remoteSdp;
  }

  /** Ids of the sessions currently open. */
  openSessionIds(): string[] {
    return [...this.sessions.keys()];
  }

  get isRinging(): boolean {
    return this.ringing;
  }

  /** The tone last asked for: the ring tone, the call-waiting tone (issue #15), or none. */
  get currentRingTone(): 'ring' | 'waiting' | 'none' {
    return this.ringTone;
  }

  /** The device choice last received with setDevices (werift has no real devices: nothing else changes). */
  get deviceChoice(): MediaParams<'setDevices'> {
    return { ...this.devices };
  }

  /** Closes every session and stops the frame timer. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
    this.stopTimer();
    this.listeners.clear();
  }

  private async handle(method: MediaMethod, p: MediaParams<MediaMethod>): Promise<unknown> {
    switch (method) {
      case 'open': {
        const { sessionId, iceServers } = p as MediaParams<'open'>;
        return this.open(sessionId, iceServers);
      }
      case 'createOffer': {
        const { sessionId, hold } = p as MediaParams<'createOffer'>;
        const s = this.get(sessionId);
        const t = this.ensureTransceiver(s);
        t.setDirection(hold ? 'inactive' : 'sendrecv');
        await s.pc.setLocalDescription(await s.pc.createOffer());
        return { sdp: await this.gatheredSdp(s) };
      }
      case 'createAnswer': {
        const { sessionId, hold } = p as MediaParams<'createAnswer'>;
        const s = this.get(sessionId);
        const t = this.ensureTransceiver(s);
        t.setDirection(hold ? 'inactive' : 'sendrecv');
        // answer as the DTLS server when the offer lets us (werift as client of rtpengine stalls now and then)
        answerAsDtlsServer(s.pc, s.remoteSdp ?? '');
        await s.pc.setLocalDescription(await s.pc.createAnswer());
        this.updateDirection(s);
        return { sdp: await this.gatheredSdp(s) };
      }
      case 'setRemoteDescription': {
        const { sessionId, type, sdp } = p as MediaParams<'setRemoteDescription'>;
        const s = this.get(sessionId);
        await s.pc.setRemoteDescription({ type, sdp });
        s.remoteSdp = sdp;
        if (!s.transceiver) s.transceiver = s.pc.getTransceivers().find((t) => t.kind === 'audio');
        if (type === 'answer') this.updateDirection(s);
        return undefined;
      }
      case 'setMuted': {
        const { sessionId, muted } = p as MediaParams<'setMuted'>;
        this.get(sessionId).stats.muted = muted;
        return undefined;
      }
      case 'sendDtmf': {
        const { sessionId, tones, duration, interToneGap } = p as MediaParams<'sendDtmf'>;
        return this.sendDtmf(this.get(sessionId), tones, duration, interToneGap);
      }
      case 'close': {
        const { sessionId } = p as MediaParams<'close'>;
        await this.close(sessionId);
        return undefined;
      }
      case 'setRinging': {
        const params = p as MediaParams<'setRinging'>;
        this.ringing = params.ringing;
        this.ringTone = params.ringing ? (params.tone ?? 'ring') : 'none';
        return undefined;
      }
      case 'listDevices':
        return WERIFT_FAKE_DEVICES;
      case 'probe':
        // werift is a WebRTC stack and plays a WAV as its microphone
        return { webrtc: true, microphone: 'granted' } satisfies MediaResults['probe'];
      case 'setDevices': {
        this.devices = { ...(p as MediaParams<'setDevices'>) };
        return undefined;
      }
      case 'setMix': {
        // werift has no mixer: Node tests only check what the engine asked for
        this.mixed = [...(p as MediaParams<'setMix'>).sessionIds];
        return undefined;
      }
    }
  }

  private async open(sessionId: string, iceServers: IceServer[]): Promise<void> {
    if (this.sessions.has(sessionId)) return;
    const pc = new RTCPeerConnection({
      iceServers: iceServers.map((s) => ({
        urls: Array.isArray(s.urls) ? s.urls[0]! : s.urls,
        ...(s.username !== undefined ? { username: s.username } : {}),
        ...(s.credential !== undefined ? { credential: s.credential } : {}),
      })),
      iceUseIpv6: false,
      iceTransportPolicy: this.iceTransportPolicy,
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
      iceAdditionalHostAddresses: ['127.0.0.1'],
      codecs: {
        audio: [
          new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: PCMU_PT }),
          new RTCRtpCodecParameters({
            mimeType: 'audio/telephone-event',
            clockRate: 8000,
            channels: 1,
            payloadType: TELEPHONE_EVENT_PT,
            parameters: '0-16',
          }),
        ],
        video: [],
      },
    });
    const stats: WeriftSessionStats = {
      rxAudioPackets: 0,
      rxSilentPackets: 0,
      rxLoudPackets: 0,
      txAudioPackets: 0,
      rxDtmfPackets: 0,
      rxDigits: '',
      connectionState: 'new',
      direction: undefined,
      muted: false,
      closed: false,
    };
    const s: Session = {
      id: sessionId,
      pc,
      transceiver: undefined,
      stats,
      seq: Math.floor(Math.random() * 0xffff),
      timestamp: Math.floor(Math.random() * 0xffffffff),
      sendingDtmf: false,
      lastDtmfTimestamp: undefined,
      firstAudioSeen: false,
      received: [],
      remoteSdp: undefined,
    };
    this.sessions.set(sessionId, s);
    this.statsById.set(sessionId, stats);
    pc.connectionStateChange.subscribe((state) => {
      stats.connectionState = state;
      this.emit('connectionState', { sessionId, state });
    });
    // werift fires onTrack again on every renegotiation (hold/resume): subscribe once per track.
    const seen = new WeakSet<MediaStreamTrack>();
    pc.onTrack.subscribe((track: MediaStreamTrack) => {
      if (seen.has(track)) return;
      seen.add(track);
      track.onReceiveRtp.subscribe((rtp) => this.onRtp(s, rtp));
    });
    this.startTimer();
  }

  private get(sessionId: string): Session {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`unknown media session ${sessionId}`);
    return s;
  }

  private ensureTransceiver(s: Session): RTCRtpTransceiver {
    s.transceiver ??=
      s.pc.getTransceivers().find((t) => t.kind === 'audio') ?? s.pc.addTransceiver('audio', { direction: 'sendrecv' });
    return s.transceiver;
  }

  private updateDirection(s: Session): void {
    s.stats.direction = s.transceiver?.currentDirection ?? s.transceiver?.direction;
  }

  private async gatheredSdp(s: Session): Promise<string> {
    const pc = s.pc;
    await waitIceGathering(pc, GATHER_TIMEOUT_MS);
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new Error('no local description');
    return browserHold(loopbackOnly(sdp));
  }

  private canSend(s: Session): boolean {
    const d = s.transceiver?.currentDirection;
    return d === 'sendrecv' || d === 'sendonly';
  }

  private tick(): void {
    for (const s of this.sessions.values()) {
      this.updateDirection(s);
      if (!s.transceiver || s.sendingDtmf || !this.canSend(s)) continue;
      if (s.pc.connectionState !== 'connected') continue;
      const frames = this.speechFrames ?? toneFrames;
      const frame = s.stats.muted ? silenceFrame : frames[s.stats.txAudioPackets % frames.length]!;
      const header = new RtpHeader({
        payloadType: PCMU_PT,
        sequenceNumber: s.seq,
        timestamp: s.timestamp,
        marker: s.stats.txAudioPackets === 0,
      });
      s.seq = (s.seq + 1) & 0xffff;
      s.timestamp = (s.timestamp + SAMPLES_PER_FRAME) >>> 0;
      s.stats.txAudioPackets += 1;
      s.transceiver.sender.sendRtp(new RtpPacket(header, frame)).catch(() => undefined);
    }
  }

  private onRtp(s: Session, rtp: RtpPacket): void {
    const pt = rtp.header.payloadType;
    if (pt === this.telephoneEventPt(s)) {
      s.stats.rxDtmfPackets += 1;
      if (rtp.payload.length < 4) return;
      const event = rtp.payload[0]!;
      const end = (rtp.payload[1]! & 0x80) !== 0;
      // The end packet is sent three times (RFC 4733 §2.5.1.4): count the event once.
      if (end && s.lastDtmfTimestamp !== rtp.header.timestamp) {
        s.lastDtmfTimestamp = rtp.header.timestamp;
        const digit = eventToDigit(event);
        if (digit) s.stats.rxDigits += digit;
      }
      return;
    }
    s.stats.rxAudioPackets += 1;
    if (this.speechFrames && pt === PCMU_PT) s.received.push(Buffer.from(rtp.payload));
    if (rtp.payload.length > 0 && rtp.payload.every((b) => b === MULAW_SILENCE)) s.stats.rxSilentPackets += 1;
    if (meanAbs(rtp.payload) > LOUD_MEAN_ABS) s.stats.rxLoudPackets += 1;
    if (!s.firstAudioSeen) {
      s.firstAudioSeen = true;
      this.emit('firstAudio', { sessionId: s.id, at: Date.now() });
    }
  }

  private telephoneEventPt(s: Session): number | undefined {
    const codec = s.transceiver?.codecs.find((c) => c.mimeType.toLowerCase() === 'audio/telephone-event');
    return codec?.payloadType ?? TELEPHONE_EVENT_PT;
  }

  /** RFC 4733 §2.5: one event per tone, 20 ms packets, end packet sent three times. */
  private async sendDtmf(s: Session, tones: string, duration: number, gap: number): Promise<boolean> {
    const t = s.transceiver;
    const codec = t?.codecs.find((c) => c.mimeType.toLowerCase() === 'audio/telephone-event');
    if (!t || !codec || !this.canSend(s)) return false;
    s.sendingDtmf = true;
    try {
      for (const tone of tones) {
        if (s.stats.closed) return false;
        if (tone === ',') {
          await sleep(2000);
          continue;
        }
        const event = digitToEvent(tone);
        const startTs = s.timestamp;
        const steps = Math.max(1, Math.round(duration / FRAME_MS));
        for (let i = 1; i <= steps + 2; i++) {
          const end = i >= steps;
          const dur = Math.min(i, steps) * SAMPLES_PER_FRAME;
          const payload = Buffer.from([event, (end ? 0x80 : 0) | 10, (dur >> 8) & 0xff, dur & 0xff]);
          const header = new RtpHeader({
            payloadType: codec.payloadType,
            sequenceNumber: s.seq,
            timestamp: startTs,
            marker: i === 1,
          });
          s.seq = (s.seq + 1) & 0xffff;
          this.sendWithPayloadType(t, codec, new RtpPacket(header, payload));
          if (i < steps) await sleep(FRAME_MS);
        }
        s.timestamp = (s.timestamp + steps * SAMPLES_PER_FRAME) >>> 0;
        await sleep(gap);
      }
      return true;
    } finally {
      s.sendingDtmf = false;
    }
  }

  /**
   * werift's sender stamps every packet with its send codec's payload type;
   * for telephone-events the codec is swapped just for the synchronous part
   * of sendRtp (where the header is written).
   */
  private sendWithPayloadType(t: RTCRtpTransceiver, codec: RTCRtpCodecParameters, packet: RtpPacket): void {
    const sender = t.sender;
    const saved = sender.codec;
    sender.codec = codec;
    try {
      sender.sendRtp(packet).catch(() => undefined);
    } finally {
      sender.codec = saved;
    }
  }

  private async close(sessionId: string): Promise<void> {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    this.sessions.delete(sessionId);
    s.stats.closed = true;
    if (this.sessions.size === 0) this.stopTimer();
    await s.pc.close().catch(() => undefined);
  }

  private startTimer(): void {
    this.timer ??= setInterval(() => this.tick(), FRAME_MS);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private emit<E extends MediaEventName>(event: E, payload: MediaEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as Listener<E>)(payload);
  }
}

const silenceFrame = Buffer.alloc(SAMPLES_PER_FRAME, MULAW_SILENCE);

/** 8 kHz samples in [-1, 1] as 20 ms μ-law frames (the last partial frame dropped). */
function mulawFrames(samples: Float32Array): Buffer[] {
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
  const encoded = Buffer.from(encodeMulaw(pcm));
  const frames: Buffer[] = [];
  for (let at = 0; at + SAMPLES_PER_FRAME <= encoded.length; at += SAMPLES_PER_FRAME) {
    frames.push(encoded.subarray(at, at + SAMPLES_PER_FRAME));
  }
  if (frames.length === 0) throw new Error('werift media host: speech shorter than one frame');
  return frames;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Drops every ICE candidate that is not on 127.0.0.1 (tests talk only over loopback). */
function loopbackOnly(sdp: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') || / 127\.0\.0\.1 \d+ typ /.test(line))
    .join('\r\n');
}

/**
 * werift writes an `inactive` stream with port 0, which means "stream rejected" (RFC 3264 §6) to
 * anyone but werift — rtpengine then drops the stream for good. Browsers (JSEP, RFC 8829 §5.2.1)
 * keep port 9 and say `a=inactive`: do the same, so a held call can be resumed through a relay.
 */
function browserHold(sdp: string): string {
  if (!/^a=inactive$/m.test(sdp)) return sdp;
  return sdp.replace(/^m=audio 0 /m, 'm=audio 9 ');
}

const DTMF_EVENTS = '0123456789*#ABCD';

function digitToEvent(digit: string): number {
  const i = DTMF_EVENTS.indexOf(digit.toUpperCase());
  if (i < 0) throw new Error(`not a DTMF digit: ${digit}`);
  return i;
}

function eventToDigit(event: number): string | undefined {
  return DTMF_EVENTS[event];
}

/** G.711 μ-law encoder (ITU-T G.711), enough for a test tone. */
function linearToMulaw(sample: number): number {
  const BIAS = 0x84;
  const CLIP = 32635;
  const sign = sample < 0 ? 0x80 : 0;
  let s = Math.min(Math.abs(sample), CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  s = ~(sign | (exponent << 4) | mantissa) & 0xff;
  return s;
}

/** 50 frames of a 440 Hz tone at 8 kHz (one second, then it repeats). */
/** Mean |sample| above which a packet counts as sound: the tone sent here averages ~5100, noise stays far below. */
const LOUD_MEAN_ABS = 500;

function meanAbs(mulaw: Uint8Array): number {
  if (mulaw.length === 0) return 0;
  let sum = 0;
  for (const byte of mulaw) sum += Math.abs(mulawToLinear(byte));
  return sum / mulaw.length;
}

function buildToneFrames(): Buffer[] {
  const frames: Buffer[] = [];
  for (let f = 0; f < 50; f++) {
    const buf = Buffer.alloc(SAMPLES_PER_FRAME);
    for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
      const n = f * SAMPLES_PER_FRAME + i;
      buf[i] = linearToMulaw(Math.round(8000 * Math.sin((2 * Math.PI * 440 * n) / 8000)));
    }
    frames.push(buf);
  }
  return frames;
}
