import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SessionState, type Invitation, type URI } from 'sip.js';
import { VOICEMAIL_SIP_USER } from '../../../../src-preload/contract/voicemail';
import { kamailioSecretOf } from '../../platform/kamailio-secret';
import { ServiceCalls, ServiceSipAgent } from '../../platform/sip-agent';
import { upsertSubscriber } from '../accounts';
import { AbsenceAnnouncer, type SpeechSynthesizer } from '../forwarding';
import type { ServerContext } from '../../platform/server-context';
import { MwiPublisher } from './mwi-publisher';
import { EspeakSynthesizer } from './speech-synthesizer';
import { PcmuMediaSession } from './pcmu-media-session';
import { MAX_MESSAGE_MS, VoicemailRecording } from './voicemail-recording';
import { VoicemailStore } from './voicemail-store';
import { decodeWav, encodeMulaw, toneSamples, VOICEMAIL_SAMPLE_RATE } from './wav-codec';

// the SIP user the service registers as is part of the API (clients recognise it in answers)
export { VOICEMAIL_SIP_USER };

/** The English greeting (espeak-ng, 8 kHz mono 16-bit), followed by a synthesized beep. */
export const DEFAULT_GREETING_PATH = fileURLToPath(
  new URL('../../../assets/voicemail/greeting-en.wav', import.meta.url),
);

/**
 * What a user hears who calls their own mailbox (`sip:voicemail@…` from a desk phone, issue #12):
 * listening by phone needs a PIN (issue #16), so English then French, "use the app" (espeak-ng).
 */
export const DEFAULT_OWNER_PROMPT_PATH = fileURLToPath(
  new URL('../../../assets/voicemail/no-pin-en-fr.wav', import.meta.url),
);

/** Beep after the greeting: 1 kHz, 400 ms. */
const BEEP_HZ = 1000;
const BEEP_MS = 400;
/** ICE + DTLS must be up this long after the 200 OK, or the call is dropped without a message. */
const MEDIA_TIMEOUT_MS = 10_000;
/** Calls handled at once (each holds a werift peer connection and a recording buffer of up to 1.9 MB). */
export const DEFAULT_MAX_CONCURRENT_CALLS = 20;
/** Messages one mailbox may hold; callers to a full mailbox get 486 "Mailbox Full". */
export const DEFAULT_MAX_MESSAGES_PER_MAILBOX = 100;

/** Options of {@link VoicemailAgent}. */
export interface VoicemailAgentOptions {
  /** Kamailio's SIP WebSocket, e.g. ws://127.0.0.1:8080 */
  wsUrl: string;
  /** SIP domain (= digest realm of the subscriber table); default ctx.config.sipDomain */
  domain?: string;
  /** see {@link PcmuMediaSession}; default 127.0.0.1 when the server host is a loopback address */
  bindAddress?: string;
  /** WAV (PCM 16-bit mono 8 kHz) played before the beep; default {@link DEFAULT_GREETING_PATH} */
  greetingPath?: string;
  /** WAV (PCM 16-bit mono 8 kHz) a mailbox's owner hears; default {@link DEFAULT_OWNER_PROMPT_PATH} */
  ownerPromptPath?: string;
  /** longest message; default 120 s */
  maxMessageMs?: number;
  /**
   * Kamailio's JSON-RPC URL for message-waiting indication (SPEC H6); default
   * derived from wsUrl (ws://host:port → http://host:port/RPC); null = no MWI.
   */
  mwiRpcUrl?: string | null;
  /** calls handled at once, more are refused with 486; default {@link DEFAULT_MAX_CONCURRENT_CALLS} */
  maxConcurrentCalls?: number;
  /** messages a mailbox may hold, more are refused with 486; default {@link DEFAULT_MAX_MESSAGES_PER_MAILBOX} */
  maxMessagesPerMailbox?: number;
  logger?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** flow keep-alive (defaults: every 10 s, 5 s to answer); the soak scales it down */
  keepAlive?: { intervalMs?: number; timeoutMs?: number };
  /**
   * Speaks the absence announcements (SPEC B2) before the greeting; default
   * espeak-ng ({@link EspeakSynthesizer}); null: no announcements.
   */
  speech?: SpeechSynthesizer | null;
  /** REGISTER expiry asked for, seconds (default 300); the soak scales it down */
  registerExpiresS?: number;
  /** reconnect backoff (defaults: 500 ms base, 30 s cap) */
  backoff?: { baseMs?: number; capMs?: number; minMs?: number };
}

/** Lifecycle of one voicemail call. */
export type VoicemailCallPhase = 'greeting' | 'recording' | 'done';

/**
 * The voicemail service (SPEC H): a SIP user agent registered as
 * `voicemail` with Kamailio over WebSocket (RFC 7118), answering the calls
 * Kamailio routes to it:
 *
 * ```
 * INVITE (X-UC-Mailbox: 101) ─▶ too many calls at once, or mailbox full ─▶ 486
 *                            ├▶ unknown mailbox ─▶ 404
 *                            └▶ 200 OK (PCMU) ─▶ greeting + beep ─▶ recording ─▶ BYE from the caller,
 *                                                 (hang-up here:      │             or 120 s then our BYE
 *                                                  no message)        ▼
 *                                                         WAV + row + voicemails-changed to the owner
 * ```
 *
 * A caller who hangs up during the greeting leaves no message; one who
 * hangs up after the beep leaves one, even of 0 s (the owner sees who tried).
 *
 * Its SIP credentials are a `subscriber` row only (random password, written
 * at every start): no UC account, so no login and no directory entry.
 */
export class VoicemailAgent {
  private readonly ctx: ServerContext;
  private readonly options: VoicemailAgentOptions;
  private readonly store: VoicemailStore;
  private readonly log: NonNullable<VoicemailAgentOptions['logger']>;
  private readonly prompt: Uint8Array;
  private readonly ownerPrompt: Uint8Array;
  private readonly sip: ServiceSipAgent;
  private stopping = false;
  private readonly calls = new ServiceCalls();
  private mwi: MwiPublisher | undefined;
  private readonly announcer: AbsenceAnnouncer | undefined;

  constructor(ctx: ServerContext, options: VoicemailAgentOptions) {
    this.ctx = ctx;
    this.options = options;
    this.store = new VoicemailStore(ctx);
    this.log = options.logger ?? ((level, message) => (level === 'info' ? undefined : console.error(message)));
    const speech =
      options.speech === undefined ? new EspeakSynthesizer({ logger: (m) => this.log('warn', m) }) : options.speech;
    this.announcer = speech === null ? undefined : new AbsenceAnnouncer(ctx, speech);
    const greeting = decodeWav(readFileSync(options.greetingPath ?? DEFAULT_GREETING_PATH));
    if (greeting.sampleRate !== VOICEMAIL_SAMPLE_RATE) {
      throw new Error(`the voicemail greeting must be ${VOICEMAIL_SAMPLE_RATE} Hz (got ${greeting.sampleRate})`);
    }
    const beep = toneSamples(BEEP_HZ, BEEP_MS);
    const all = new Int16Array(greeting.samples.length + beep.length);
    all.set(greeting.samples);
    all.set(beep, greeting.samples.length);
    this.prompt = encodeMulaw(all);
    const ownerPrompt = decodeWav(readFileSync(options.ownerPromptPath ?? DEFAULT_OWNER_PROMPT_PATH));
    if (ownerPrompt.sampleRate !== VOICEMAIL_SAMPLE_RATE) {
      throw new Error(`the voicemail owner prompt must be ${VOICEMAIL_SAMPLE_RATE} Hz (got ${ownerPrompt.sampleRate})`);
    }
    this.ownerPrompt = encodeMulaw(ownerPrompt.samples);
    const domain = options.domain ?? ctx.config.sipDomain;
    const bindAddress = options.bindAddress ?? (isLoopback(ctx.config.host) ? '127.0.0.1' : undefined);
    this.sip = new ServiceSipAgent(ctx, {
      user: VOICEMAIL_SIP_USER,
      label: 'voicemail',
      displayName: 'Voicemail',
      userAgentSuffix: 'Voicemail',
      wsUrl: options.wsUrl,
      domain,
      provision: (password) => upsertSubscriber(ctx.db, VOICEMAIL_SIP_USER, domain, password),
      sessionDescriptionHandlerFactory: () =>
        new PcmuMediaSession({
          ...(bindAddress ? { bindAddress } : {}),
          logger: (m) => this.log('warn', m),
        }),
      onInvite: (invitation) => this.track(invitation),
      onStateChange: (state) => {
        // an agent that cannot register is an error in the log and in the health endpoint, never silent
        if (state.status === 'auth-failed') this.log('error', `voicemail: REGISTER refused (${state.detail ?? ''})`);
        else if (state.status === 'unreachable') this.log('warn', `voicemail: not registered (${state.issue ?? ''})`);
        else if (state.status === 'registered') this.log('info', 'voicemail: registered');
      },
      registerExpiresS: options.registerExpiresS,
      keepAlive: options.keepAlive,
      backoff: options.backoff,
      log: (level, message) => this.log(level, message),
    });
  }

  /** Whether Kamailio holds the service's binding right now (GET /api/v1/health has the details). */
  get isRegistered(): boolean {
    return this.sip.isRegistered;
  }

  /**
   * Writes the service's subscriber row (new random password), connects and
   * registers. Resolves when registered, or rejects after `timeoutMs`.
   */
  async start(timeoutMs = 10_000): Promise<void> {
    if (this.sip.started) return;
    const domain = this.options.domain ?? this.ctx.config.sipDomain;
    await this.sip.assertUserFree();
    try {
      await this.sip.start(timeoutMs);
      const rpcUrl = this.options.mwiRpcUrl === undefined ? rpcUrlOf(this.options.wsUrl) : this.options.mwiRpcUrl;
      if (rpcUrl !== null) {
        this.mwi = new MwiPublisher(this.ctx, {
          rpcUrl,
          rpcSecret: kamailioSecretOf(this.ctx.config, 'json-rpc'),
          domain,
          messageAccount: `sip:${VOICEMAIL_SIP_USER}@${domain}`,
          logger: (m) => this.log('warn', `voicemail: ${m}`),
        });
        await this.mwi.start();
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Ends the calls in progress (their messages are stored), un-registers and disconnects; idempotent. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.calls.endAll();
    await this.mwi?.stop();
    // un-REGISTER and disconnect, bounded when Kamailio is gone
    await this.sip.stop();
  }

  /**
   * Takes one incoming call (the user agent's onInvite). Above
   * `maxConcurrentCalls` calls in progress it is refused at once with 486,
   * before any media is set up.
   */
  track(invitation: Invitation): void {
    const max = this.options.maxConcurrentCalls ?? DEFAULT_MAX_CONCURRENT_CALLS;
    if (this.calls.size >= max) {
      this.log('warn', `voicemail: ${this.calls.size} calls in progress: 486`);
      invitation
        .reject({ statusCode: 486, reasonPhrase: 'Busy Here' })
        .catch((error: unknown) => this.log('warn', `voicemail: reject failed: ${(error as Error).message}`));
      return;
    }
    this.calls.track(invitation, () =>
      this.handle(invitation).catch((error: unknown) =>
        this.log('error', `voicemail call failed: ${(error as Error).message}`),
      ),
    );
  }

  /** The absence announcement for this call as µ-law frames (never throws: no announcement then). */
  private async announcement(
    invitation: Invitation,
    mailbox: string,
    diversion: string | undefined,
  ): Promise<Uint8Array | undefined> {
    if (!this.announcer) return undefined;
    try {
      const caller = callerOf(invitation.remoteIdentity.uri, this.options.domain ?? this.ctx.config.sipDomain);
      const samples = await this.announcer.samples(
        { mailbox, reason: diversionReasonOf(diversion), internalCaller: caller.includes(':') ? undefined : caller },
        VOICEMAIL_SAMPLE_RATE,
      );
      return samples === undefined ? undefined : encodeMulaw(samples);
    } catch (error) {
      this.log('warn', `voicemail: no absence announcement: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** One call: mailbox lookup, answer, greeting, recording, store. */
  private async handle(invitation: Invitation): Promise<void> {
    if (this.stopping) {
      await invitation.reject({ statusCode: 480 });
      return;
    }
    const mailbox = mailboxOf(invitation);
    const account =
      mailbox === undefined
        ? undefined
        : await this.ctx.db.selectFrom('accounts').select(['id']).where('number', '=', mailbox).executeTakeFirst();
    if (!account) {
      this.log('info', `voicemail: no mailbox ${JSON.stringify(mailbox ?? '')}: 404`);
      await invitation.reject({ statusCode: 404, reasonPhrase: 'No Such Mailbox' });
      return;
    }
    if (isOwnerCall(invitation)) {
      await this.answerOwner(invitation, mailbox!);
      return;
    }
    const maxMessages = this.options.maxMessagesPerMailbox ?? DEFAULT_MAX_MESSAGES_PER_MAILBOX;
    const { count } = await this.ctx.db
      .selectFrom('voicemails')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    if (Number(count) >= maxMessages) {
      this.log('info', `voicemail: mailbox ${mailbox} holds ${Number(count)} messages: 486`);
      await invitation.reject({ statusCode: 486, reasonPhrase: 'Mailbox Full' });
      return;
    }
    const ended = new Promise<void>((resolve) => {
      invitation.stateChange.addListener((state) => {
        if (state === SessionState.Terminated) resolve();
      });
    });
    // The caller is told why the mailbox answered (do not disturb, deflection): the Diversion
    // Kamailio added to our INVITE (RFC 5806) goes back in the 200 OK for the caller's journal.
    const diversion = invitation.request.getHeader('Diversion');
    // SPEC B2: forwarded by the callee's presence → first the absence and the return time (made meanwhile)
    const announcement = this.announcement(invitation, mailbox ?? '', diversion);
    await invitation.accept(
      diversion && !/[\r\n]/.test(diversion) ? { extraHeaders: [`Diversion: ${diversion.slice(0, 512)}`] } : undefined,
    );
    const media = invitation.sessionDescriptionHandler;
    if (!(media instanceof PcmuMediaSession)) throw new Error('unexpected session description handler');
    // when `ended` wins, sip.js closes the media, which settles waitConnected (and clears its timer)
    const connected = await Promise.race([media.waitConnected(MEDIA_TIMEOUT_MS), ended.then(() => false)]);
    if (!connected) {
      this.log('warn', `voicemail: no media for mailbox ${mailbox}`);
      this.hangUp(invitation);
      return;
    }
    const absence = await announcement;
    if (absence !== undefined) await Promise.race([media.playFrames(absence), ended]);
    // greeting + beep; a hang-up during it leaves no message
    await Promise.race([media.playFrames(this.prompt), ended]);
    if (invitation.state !== SessionState.Established) return;
    const recording = new VoicemailRecording(this.options.maxMessageMs ?? MAX_MESSAGE_MS);
    let full: () => void = () => undefined;
    const reachedMax = new Promise<void>((resolve) => (full = resolve));
    const off = media.onAudio((audio) => {
      recording.push(audio);
      if (recording.full) full();
    });
    // wall-clock bound too: a caller who sends no RTP at all still gets cut off
    const maxTimer = setTimeout(full, (this.options.maxMessageMs ?? MAX_MESSAGE_MS) + 1_000);
    await Promise.race([ended, reachedMax]);
    clearTimeout(maxTimer);
    off();
    this.hangUp(invitation);
    const from = invitation.remoteIdentity;
    const stored = await this.store.add({
      accountId: account.id,
      callerNumber: callerOf(from.uri, this.options.domain ?? this.ctx.config.sipDomain),
      callerName: from.displayName ? from.displayName : null,
      durationMs: recording.durationMs,
      wav: recording.toWav(),
    });
    this.log('info', `voicemail: ${stored.durationMs} ms from ${stored.callerNumber} for ${mailbox}`);
  }

  /**
   * The mailbox's owner calls it (Kamailio says so: X-UC-Mailbox-Owner, after authenticating the
   * caller as that user). No PIN menu yet (issue #16): answer, say that listening by phone needs a
   * PIN and that the app plays the messages, hang up. Nothing is recorded.
   */
  private async answerOwner(invitation: Invitation, mailbox: string): Promise<void> {
    const ended = new Promise<void>((resolve) => {
      invitation.stateChange.addListener((state) => {
        if (state === SessionState.Terminated) resolve();
      });
    });
    await invitation.accept();
    const media = invitation.sessionDescriptionHandler;
    if (!(media instanceof PcmuMediaSession)) throw new Error('unexpected session description handler');
    const connected = await Promise.race([media.waitConnected(MEDIA_TIMEOUT_MS), ended.then(() => false)]);
    if (connected) await Promise.race([media.playFrames(this.ownerPrompt), ended]);
    this.log('info', `voicemail: owner of ${mailbox} called (no PIN yet: told to use the app)`);
    this.hangUp(invitation);
  }

  private hangUp(invitation: Invitation): void {
    if (invitation.state === SessionState.Established) invitation.bye().catch(() => undefined);
  }
}

/** Whether the caller is the mailbox's owner: `X-UC-Mailbox-Owner: yes`, set only by Kamailio (route[VOICEMAIL_OWN]). */
export function isOwnerCall(invitation: Pick<Invitation, 'request'>): boolean {
  return invitation.request.getHeader('X-UC-Mailbox-Owner')?.trim().toLowerCase() === 'yes';
}

/** The mailbox a call is for: X-UC-Mailbox (set by Kamailio), else a `vm<ext>` Request-URI. */
export function mailboxOf(invitation: Pick<Invitation, 'request'>): string | undefined {
  const header = invitation.request.getHeader('X-UC-Mailbox')?.trim();
  if (header && /^[A-Za-z0-9._-]{1,32}$/.test(header)) return header;
  const user = invitation.request.ruri?.user ?? '';
  const match = /^vm([A-Za-z0-9._-]{1,32})$/.exec(user);
  return match?.[1];
}

/**
 * What to store as the caller: the bare number only when the From URI is in
 * our SIP domain (Kamailio authenticates those callers), else the whole
 * `sip:user@host[:port]` URI. A From of `sip:100@evil.example` is not
 * internal 100: "call back" must dial evil.example, not the real 100.
 */
export function callerOf(uri: Pick<URI, 'scheme' | 'user' | 'host' | 'port'>, domain: string): string {
  const host = uri.host.toLowerCase();
  if (uri.user && host === domain.toLowerCase()) return uri.user;
  const scheme = uri.scheme ? uri.scheme.toLowerCase() : 'sip';
  const port = uri.port ? `:${uri.port}` : '';
  return `${scheme}:${uri.user ? `${uri.user}@` : ''}${host}${port}`;
}

/** The RFC 5806 reason of a Diversion header (`;reason=away`), lower-cased. */
function diversionReasonOf(diversion: string | undefined): string | undefined {
  return diversion === undefined ? undefined : /;\s*reason\s*=\s*"?([a-z-]{1,32})/i.exec(diversion)?.[1]?.toLowerCase();
}

/** ws://host:port → http://host:port/RPC (Kamailio serves JSON-RPC on its WebSocket listener). */
function rpcUrlOf(wsUrl: string): string | null {
  const match = /^(wss?):\/\/([^/]+)/i.exec(wsUrl);
  if (!match) return null;
  return `${match[1]!.toLowerCase() === 'wss' ? 'https' : 'http'}://${match[2]}/RPC`;
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}
