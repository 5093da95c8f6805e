import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { SessionState, type Invitation } from 'sip.js';
import {
  CONFERENCE_SIP_USER,
  CONFERENCE_URI_PREFIX,
  type ConferenceParticipantState,
} from '../../../../src-preload/contract/conferences';
import type { ServerContext } from '../../platform/server-context';
import { ServiceCalls, ServiceSipAgent } from '../../platform/sip-agent';
import { upsertSubscriber } from '../accounts';
import { PcmuMediaSession } from '../voicemail';
import { loadConferencePrompts, type ConferencePrompts } from './conference-prompts';
import { ConferenceService, type ConferenceAdmission } from './conference-service';
import { JanusAudioBridge, type JanusRtpParticipant } from './janus-audiobridge';

/** ICE + DTLS must be up this long after the 200 OK. */
const MEDIA_TIMEOUT_MS = 10_000;
/** Wrong PINs before the call is hung up (issue #14). */
export const MAX_PIN_ATTEMPTS = 3;
/** One 20 ms G.711 frame at 8 kHz. */
const FRAME_SAMPLES = 160;
/** Digits a PIN has at most; typing more ends the entry like '#'. */
const MAX_PIN_DIGITS = 12;

/** Options of {@link ConferenceAgent}. */
export interface ConferenceAgentOptions {
  /** Kamailio's SIP WebSocket, e.g. ws://127.0.0.1:8080 */
  wsUrl: string;
  /** SIP domain; default ctx.config.sipDomain */
  domain?: string;
  /** Janus' HTTP API and secrets (see server/stack/janus-process.ts) */
  janus: { apiUrl: string; apiSecret: string; adminKey: string };
  /** address of the WebRTC and RTP sockets; default 127.0.0.1 when the server host is a loopback address */
  bindAddress?: string;
  /** where the synthesized prompts are cached; default `<dataDir>/conferences/prompts` */
  promptsDir?: string;
  /** silence after the prompt (or the last digit) that ends a PIN entry; default 10 s */
  pinTimeoutMs?: number;
  logger?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** One caller in a room. */
interface RoomSeat {
  admission: ConferenceAdmission;
  state: ConferenceParticipantState;
  /** ends the caller's call (the room ended) */
  hangUp(): void;
  /** a prompt to play over the room's audio (e.g. "ends in 5 minutes"), and how far it got */
  announcement?: { audio: Uint8Array; at: number };
}

/** After the last moderator left, the room ends this long later (issue #14). */
export const END_AFTER_LAST_MODERATOR_MS = 5 * 60_000;
/** How often rooms that are ending are checked against the server's clock. */
const END_CHECK_MS = 1_000;

/**
 * The conference service's SIP user agent (issue #14): registered as
 * `conference` with Kamailio over WebSocket (RFC 7118), it answers the calls
 * Kamailio routes to it (route[CONFERENCE_URI]: the dial-in number and
 * `conf<id>`), admits the caller, and puts its audio into the room's Janus
 * AudioBridge as a plain-RTP participant:
 *
 * ```
 * INVITE ─▶ conf<id> from a member (P-Asserted-Identity) ──────────────┐
 *        └▶ dial-in number, or not a member ─▶ 200 ─▶ PIN prompt ─▶ PIN (RFC 4733 or SIP INFO) + '#'
 *                                                   │ wrong 3 times ─▶ "goodbye", BYE
 *                                                   ▼                                       │
 *                          AudioBridge room (created on the first join) ◀── admitted ◀──────┘
 *                          ─▶ BYE from the caller ─▶ leave; the last one out destroys the room
 * ```
 *
 * Media: the caller's DTLS-SRTP ends here (werift); the agent relays its
 * 20 ms G.711 frames to and from the room's RTP port packet by packet
 * (no decoding, no mixing: Janus mixes). Participant states (dialing-in,
 * waiting alone, active) are written through {@link ConferenceService}.
 */
export class ConferenceAgent {
  private readonly ctx: ServerContext;
  private readonly options: ConferenceAgentOptions;
  private readonly service: ConferenceService;
  private readonly janus: JanusAudioBridge;
  private readonly log: NonNullable<ConferenceAgentOptions['logger']>;
  private prompts: ConferencePrompts | undefined;
  private readonly sip: ServiceSipAgent;
  private stopping = false;
  private readonly calls = new ServiceCalls();
  /** who is in which room (this agent's callers) */
  private readonly rooms = new Map<number, Set<RoomSeat>>();
  /** serializes room creation and destruction per room */
  private readonly roomQueues = new Map<number, Promise<unknown>>();
  /** rooms whose last moderator left: when they end (server clock, epoch ms) */
  private readonly endsAt = new Map<number, number>();
  private endTimer: ReturnType<typeof setInterval> | undefined;
  /** a room check is running (a slow database must not pile them up) */
  private checking = false;

  constructor(ctx: ServerContext, options: ConferenceAgentOptions) {
    this.ctx = ctx;
    this.options = options;
    this.service = new ConferenceService(ctx);
    this.log = options.logger ?? ((level, message) => (level === 'info' ? undefined : console.error(message)));
    this.janus = new JanusAudioBridge({ ...options.janus, logger: (m) => this.log('warn', `conference: ${m}`) });
    const domain = options.domain ?? ctx.config.sipDomain;
    this.sip = new ServiceSipAgent(ctx, {
      user: CONFERENCE_SIP_USER,
      label: 'conference',
      displayName: 'Conference',
      userAgentSuffix: 'Conference',
      wsUrl: options.wsUrl,
      domain,
      provision: (password) => upsertSubscriber(ctx.db, CONFERENCE_SIP_USER, domain, password),
      sessionDescriptionHandlerFactory: () => {
        const bindAddress = this.bindAddress;
        return new PcmuMediaSession({
          ...(bindAddress ? { bindAddress } : {}),
          telephoneEvents: true,
          logger: (m) => this.log('warn', m),
        });
      },
      onInvite: (invitation) => this.track(invitation),
      log: (level, message) => this.log(level, message),
    });
  }

  /** Whether Kamailio holds the conference service's binding right now (GET /api/v1/health has the details). */
  get isRegistered(): boolean {
    return this.sip.isRegistered;
  }

  /** Prompts, Janus session, subscriber row (new random password), REGISTER; resolves when registered. */
  async start(timeoutMs = 10_000): Promise<void> {
    if (this.sip.started) return;
    await this.sip.assertUserFree();
    this.prompts = await loadConferencePrompts(
      this.options.promptsDir ?? join(this.ctx.config.dataDir, 'conferences', 'prompts'),
    );
    await this.service.resetStates();
    await this.janus.start();
    // the server's clock decides (tests inject one); this timer only looks at it
    this.endTimer = setInterval(() => void this.endDueRooms(), END_CHECK_MS);
    try {
      await this.sip.start(timeoutMs);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Hangs up every caller (they leave their rooms), un-registers, ends the Janus session; idempotent. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.endTimer);
    await this.calls.endAll();
    await this.sip.stop();
    await this.janus.stop();
  }

  private get bindAddress(): string | undefined {
    const host = this.ctx.config.host;
    return this.options.bindAddress ?? (host === '127.0.0.1' || host === 'localhost' ? '127.0.0.1' : undefined);
  }

  private track(invitation: Invitation): void {
    this.calls.track(invitation, () =>
      this.handle(invitation).catch((error: unknown) => {
        this.log('error', `conference call failed: ${(error as Error).message}`);
        if (invitation.state === SessionState.Established) invitation.bye().catch(() => undefined);
      }),
    );
  }

  private async handle(invitation: Invitation): Promise<void> {
    if (this.stopping) {
      await invitation.reject({ statusCode: 480 });
      return;
    }
    const dialled = invitation.request.getHeader('X-UC-Conference')?.trim() ?? invitation.request.ruri?.user ?? '';
    const roomMatch = new RegExp(`^${CONFERENCE_URI_PREFIX}([0-9]{1,9})$`).exec(dialled);
    const roomId = roomMatch ? Number(roomMatch[1]) : undefined;
    const caller = assertedUser(invitation, this.options.domain ?? this.ctx.config.sipDomain);
    let admission =
      roomId !== undefined && caller !== undefined ? await this.service.admitMember(roomId, caller) : undefined;
    if (roomId !== undefined) {
      const exists = await this.ctx.db
        .selectFrom('conferences')
        .select('id')
        .where('id', '=', roomId)
        .executeTakeFirst();
      if (!exists) {
        await invitation.reject({ statusCode: 404, reasonPhrase: 'No Such Conference' });
        return;
      }
    }
    const ended = new Promise<void>((resolve) => {
      invitation.stateChange.addListener((state) => {
        if (state === SessionState.Terminated) resolve();
      });
    });
    const digits = new DigitQueue();
    // SIP INFO DTMF (RFC 6086 transport; application/dtmf-relay or application/dtmf bodies)
    invitation.delegate = {
      onInfo: (info) => {
        const body = info.request.body ?? '';
        const match = /Signal\s*=\s*([0-9*#A-D])/i.exec(body) ?? /^\s*([0-9*#A-D])\s*$/i.exec(body);
        if (match) digits.push(match[1]!.toUpperCase());
        info.accept().catch(() => undefined);
      },
    };
    await invitation.accept();
    const media = invitation.sessionDescriptionHandler;
    if (!(media instanceof PcmuMediaSession)) throw new Error('unexpected session description handler');
    media.onDigit((digit) => digits.push(digit));
    const connected = await Promise.race([media.waitConnected(MEDIA_TIMEOUT_MS), ended.then(() => false)]);
    if (!connected) {
      this.log('warn', `conference: no media from ${caller ?? 'an unknown caller'}`);
      hangUp(invitation);
      return;
    }
    admission ??= await this.askPin(media, digits, ended, roomId);
    if (!admission) {
      if (invitation.state === SessionState.Established) {
        await Promise.race([media.playFrames(this.prompts!.goodbye), ended]);
        hangUp(invitation);
      }
      return;
    }
    await this.sit(admission, media, ended, () => hangUp(invitation));
    hangUp(invitation);
  }

  /** PIN entry: up to {@link MAX_PIN_ATTEMPTS} tries; undefined when all failed or the caller left. */
  private async askPin(
    media: PcmuMediaSession,
    digits: DigitQueue,
    ended: Promise<void>,
    roomId: number | undefined,
  ): Promise<ConferenceAdmission | undefined> {
    let over = false;
    void ended.then(() => (over = true));
    // digits typed ahead (during a prompt, or the next try right after a wrong one) are kept
    await Promise.race([media.playFrames(this.prompts!.enterPin), ended]);
    for (let attempt = 1; attempt <= MAX_PIN_ATTEMPTS && !over; attempt += 1) {
      const pin = await digits.readEntry(this.options.pinTimeoutMs ?? 10_000, MAX_PIN_DIGITS, ended);
      if (pin === undefined) return undefined;
      const admission = await this.service.admitByPin(pin);
      if (admission && (roomId === undefined || admission.conferenceId === roomId)) return admission;
      this.log('info', `conference: wrong PIN (attempt ${attempt})`);
      if (attempt < MAX_PIN_ATTEMPTS) await Promise.race([media.playFrames(this.prompts!.wrongPin), ended]);
    }
    return undefined;
  }

  /** In the room until the caller leaves: joins the AudioBridge and relays RTP both ways. */
  private async sit(
    admission: ConferenceAdmission,
    media: PcmuMediaSession,
    ended: Promise<void>,
    hangUpCall: () => void,
  ): Promise<void> {
    const roomId = admission.conferenceId;
    const seat: RoomSeat = { admission, state: 'idle', hangUp: hangUpCall };
    await this.setState(seat, 'dialing-in');
    const socket = createSocket('udp4');
    let participant: JanusRtpParticipant | undefined;
    let musicTimer: ReturnType<typeof setInterval> | undefined;
    try {
      const address = this.bindAddress ?? '0.0.0.0';
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, address, () => resolve());
      });
      const seats = this.rooms.get(roomId) ?? new Set<RoomSeat>();
      this.rooms.set(roomId, seats);
      if (seats.size === 0) await Promise.race([media.playFrames(this.prompts!.alone), ended]);
      seats.add(seat);
      await this.inRoomQueue(roomId, () => this.janus.ensureRoom(roomId, admission.conferenceName));
      participant = await this.janus.joinRtp(roomId, admission.name, {
        ip: address === '0.0.0.0' ? '127.0.0.1' : address,
        port: socket.address().port,
      });
      const janusRtp = participant.janusRtp;
      const alone = (): boolean => (this.rooms.get(roomId)?.size ?? 0) <= 1;
      // Janus → caller: the room's mix for this participant, one G.711 frame per packet
      socket.on('message', (packet) => {
        if (alone() || seat.announcement) return;
        const payload = rtpPayload(packet);
        if (payload) media.sendFrame(payload);
      });
      // alone in the room: the waiting music instead of the room's silence (issue #14)
      const music = this.prompts!.music;
      const loopLength = music.length - (music.length % FRAME_SAMPLES);
      let musicAt = 0;
      musicTimer = setInterval(() => {
        const announcement = seat.announcement;
        if (announcement) {
          media.sendFrame(announcement.audio.subarray(announcement.at, announcement.at + FRAME_SAMPLES));
          announcement.at += FRAME_SAMPLES;
          if (announcement.at >= announcement.audio.length) delete seat.announcement;
          return;
        }
        if (!alone() || loopLength === 0) return;
        media.sendFrame(music.subarray(musicAt, musicAt + FRAME_SAMPLES));
        musicAt = (musicAt + FRAME_SAMPLES) % loopLength;
      }, 20);
      // caller → Janus
      const sender = new RtpSender();
      const off = media.onAudio((audio) => {
        socket.send(sender.packet(audio.payload), janusRtp.port, janusRtp.ip);
      });
      await this.updateRoomStates(roomId);
      // a moderator back in the room: it does not end
      if (this.endsAt.has(roomId) && (await this.service.moderatorsOf(roomId)).has(admission.participantId ?? -1)) {
        this.endsAt.delete(roomId);
        await this.service.setEndsAt(roomId, null);
      }
      this.log('info', `conference: ${admission.name} joined room ${roomId}`);
      await ended;
      off();
    } finally {
      clearInterval(musicTimer);
      socket.close();
      if (participant) await this.janus.leave(participant);
      const seats = this.rooms.get(roomId);
      seats?.delete(seat);
      await this.setState(seat, 'idle');
      if (seats && seats.size === 0) {
        this.rooms.delete(roomId);
        if (this.endsAt.delete(roomId)) await this.service.setEndsAt(roomId, null);
        await this.inRoomQueue(roomId, async () => {
          if (!this.rooms.has(roomId)) await this.janus.destroyRoom(roomId).catch(() => undefined);
        });
      } else {
        await this.updateRoomStates(roomId);
        // who moderates now, not at admission: a participant made moderator in the room keeps it going
        const moderators = seats && !this.endsAt.has(roomId) ? await this.service.moderatorsOf(roomId) : undefined;
        const moderates = (a: ConferenceAdmission): boolean =>
          a.participantId !== undefined && moderators !== undefined && moderators.has(a.participantId);
        if (seats && moderates(admission) && ![...seats].some((s) => moderates(s.admission))) {
          await this.startEnding(roomId, seats);
        }
      }
    }
  }

  /** The last moderator left: everyone hears that the room ends in 5 minutes, and sees when. */
  private async startEnding(roomId: number, seats: Set<RoomSeat>): Promise<void> {
    if (this.endsAt.has(roomId)) return;
    const at = this.ctx.clock.now() + END_AFTER_LAST_MODERATOR_MS;
    this.endsAt.set(roomId, at);
    for (const seat of seats) seat.announcement = { audio: this.prompts!.endingSoon, at: 0 };
    await this.service.setEndsAt(roomId, at);
    this.log('info', `conference: room ${roomId} has no moderator left, ends in 5 minutes`);
  }

  /**
   * Every {@link END_CHECK_MS} while someone is in a room, what the database says decides (the
   * API writes it, this or another server process): a room whose `ends_at` has come (5 minutes
   * after its last moderator, or "end" by a moderator) or that was deleted hangs everyone up; a
   * participant a moderator disconnected (state set to idle) or removed is hung up.
   */
  private async endDueRooms(): Promise<void> {
    const roomIds = [...this.rooms.keys()];
    if (roomIds.length === 0 || this.checking) return;
    this.checking = true;
    try {
      const now = this.ctx.clock.now();
      const rooms = await this.ctx.db
        .selectFrom('conferences')
        .select(['id', 'ends_at'])
        .where('id', 'in', roomIds)
        .execute();
      const members = await this.ctx.db
        .selectFrom('conference_participants')
        .select(['id', 'state'])
        .where('conference_id', 'in', roomIds)
        .execute();
      const stateOf = new Map(members.map((m) => [m.id, m.state]));
      for (const roomId of roomIds) {
        const room = rooms.find((r) => r.id === roomId);
        const seats = [...(this.rooms.get(roomId) ?? [])];
        if (!room || (room.ends_at !== null && now >= Number(room.ends_at))) {
          this.log('info', `conference: room ${roomId} ends`);
          this.endsAt.delete(roomId);
          for (const seat of seats) seat.hangUp();
          if (room) await this.service.setEndsAt(roomId, null);
          continue;
        }
        for (const seat of seats) {
          const id = seat.admission.participantId;
          if (id === undefined || (seat.state !== 'waiting' && seat.state !== 'active')) continue;
          const state = stateOf.get(id);
          if (state === undefined || state === 'idle') {
            this.log('info', `conference: ${seat.admission.name} disconnected from room ${roomId}`);
            seat.hangUp();
          }
        }
      }
    } catch (error) {
      this.log('warn', `conference: room check failed: ${(error as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  /** Alone in the room: waiting; two or more: active. */
  private async updateRoomStates(roomId: number): Promise<void> {
    const seats = [...(this.rooms.get(roomId) ?? [])];
    const state: ConferenceParticipantState = seats.length >= 2 ? 'active' : 'waiting';
    for (const seat of seats) await this.setState(seat, state);
  }

  private async setState(seat: RoomSeat, state: ConferenceParticipantState): Promise<void> {
    if (seat.state === state) return;
    const previous = seat.state;
    seat.state = state;
    await this.service
      .setState(seat.admission, state, previous)
      .catch((error: unknown) => this.log('warn', `conference: state not stored: ${(error as Error).message}`));
  }

  private inRoomQueue<T>(roomId: number, task: () => Promise<T>): Promise<T> {
    const previous = this.roomQueues.get(roomId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.roomQueues.set(roomId, next);
    void next
      .finally(() => {
        if (this.roomQueues.get(roomId) === next) this.roomQueues.delete(roomId);
      })
      .catch(() => undefined);
    return next;
  }
}

/** Keypad digits of one call, from RFC 4733 events and SIP INFO alike. */
class DigitQueue {
  private readonly digits: string[] = [];
  private wake: (() => void) | undefined;

  push(digit: string): void {
    this.digits.push(digit);
    this.wake?.();
  }

  /**
   * Digits up to '#' (or `maxDigits`); undefined when the caller left. A
   * silence of `timeoutMs` ends the entry with what was typed ('' = nothing).
   */
  async readEntry(timeoutMs: number, maxDigits: number, ended: Promise<void>): Promise<string | undefined> {
    let entry = '';
    let over = false;
    void ended.then(() => {
      over = true;
      this.wake?.();
    });
    for (;;) {
      while (this.digits.length > 0) {
        const digit = this.digits.shift()!;
        if (digit === '#') return entry;
        if (digit === '*') entry = '';
        else entry += digit;
        if (entry.length >= maxDigits) return entry;
      }
      if (over) return undefined;
      const timedOut = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), timeoutMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      this.wake = undefined;
      if (over) return undefined;
      if (timedOut) return entry;
    }
  }
}

/** Builds RTP packets (RFC 3550) of PCMU frames: one SSRC, sequence and timestamp of its own. */
class RtpSender {
  private seq = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff) >>> 0;
  private readonly ssrc = Math.floor(Math.random() * 0xffffffff) >>> 0;

  packet(payload: Uint8Array): Buffer {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = 0; // PT 0 = PCMU
    header.writeUInt16BE(this.seq, 2);
    header.writeUInt32BE(this.timestamp, 4);
    header.writeUInt32BE(this.ssrc, 8);
    this.seq = (this.seq + 1) & 0xffff;
    this.timestamp = (this.timestamp + payload.length) >>> 0;
    return Buffer.concat([header, payload]);
  }
}

/** The payload of an RTP packet (RFC 3550 §5.1: CSRCs, header extension and padding skipped); PCMU only. */
export function rtpPayload(packet: Buffer): Buffer | undefined {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return undefined;
  if ((packet[1]! & 0x7f) !== 0) return undefined;
  let offset = 12 + (packet[0]! & 0x0f) * 4;
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return undefined;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  let end = packet.length;
  if (packet[0]! & 0x20) end -= packet[packet.length - 1]!;
  return end > offset ? packet.subarray(offset, end) : undefined;
}

/**
 * The caller's number as Kamailio asserted it (P-Asserted-Identity, RFC 3325:
 * Kamailio removes any a caller sends and adds it for authenticated users only).
 */
function assertedUser(invitation: Invitation, domain: string): string | undefined {
  const pai = invitation.request.getHeader('P-Asserted-Identity');
  const match = pai ? /<sip:([^@>;]+)@([^>;:]+)/i.exec(pai) : null;
  if (!match || match[2]!.toLowerCase() !== domain.toLowerCase()) return undefined;
  return match[1];
}

function hangUp(invitation: Invitation): void {
  if (invitation.state === SessionState.Established) invitation.bye().catch(() => undefined);
}
