import { type Invitation, Inviter, UserAgent, type LogLevel, type Referral, type URI } from 'sip.js';
import type { IceServer, MediaHost } from '../../../../../src-preload/contract/media-contract';
import { SWITCHBOARD_USER_AGENT } from '../../../../../src-preload/contract/platform';
import { mediaUserAgentOptions } from '../media/media-sdh';
import { systemClock, type Clock } from '../../../platform/clock';
import { assertNotCleartext } from '../../../platform/tls/certificate-trust';
import { TypedEmitter } from '../../../platform/typed-emitter';
import { dtlsSrtpRefusal } from '../media/dtls-offer';
import { Call, type DtmfMode } from './call';
import { CallState } from './call-state';
import { secureTransport, type WebSocketOptionsFn } from './node-websocket';
import type { PhoneEngine } from './phone-engine';
import type { RegistrationState } from '../../../../../src-preload/contract/sip/registration-state';
import { SipRegistration, type RegistrationCounters } from '../../../../../src-preload/contract/sip/sip-registration';

export type {
  RegistrationIssue,
  RegistrationState,
  RegistrationStatus,
} from '../../../../../src-preload/contract/sip/registration-state';

export type EngineLogger = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface SipEngineOptions {
  /** WebSocket URL of the SIP proxy (RFC 7118), e.g. wss://uc.example.com:8443; ws:// only to the loopback */
  wsUrl: string;
  /** TLS options of the WSS connection (the session's CertificateTrust, SPEC A1); default Node's verification */
  webSocketOptions?: WebSocketOptionsFn;
  /** SIP domain of our AOR (sip:user@domain) */
  domain: string;
  user: string;
  password: string;
  displayName?: string;
  mediaHost: MediaHost;
  iceServers: IceServer[];
  clock?: Clock;
  /** random source in [0,1) for the reconnect jitter */
  random?: () => number;
  logger?: EngineLogger;
  /** REGISTER expiry asked for, seconds (default 300) */
  registerExpires?: number;
  /** flow keep-alive (RFC 5626 §4.4; defaults: every 10 s, 5 s to answer); false turns it off */
  keepAlive?: { intervalMs?: number; timeoutMs?: number } | false;
  /** follow our own binding through the reg event (RFC 3680), default true */
  watchBinding?: boolean;
  /** DTMF transport (default auto: RFC 4733 when negotiated, else SIP INFO) */
  dtmfMode?: DtmfMode;
  /** reconnect backoff (defaults: 500 ms base, 30 s cap) */
  backoff?: { baseMs?: number; capMs?: number };
  /** sees every SIP message we send (diagnostics and tests) */
  sipTrace?: (message: string) => void;
  /** least severe sip.js log level passed to `logger` (default warn) */
  sipLogLevel?: LogLevel;
}

const LOG_RANK: Record<LogLevel, number> = { debug: 0, log: 1, warn: 2, error: 3 };

/** WebSocket connect timeout, seconds (sip.js transport option). */
const CONNECT_TIMEOUT_S = 5;

/**
 * The SIP user agent of one logged-in user: a sip.js {@link UserAgent} over
 * WebSocket (RFC 7118) with a {@link Registerer} (RFC 3261 §10) and its calls.
 *
 * Connection policy ({@link SipRegistration}, shared with the server's agents):
 * - transport lost, server unreachable, a keep-alive unanswered (dead flow),
 *   or the binding removed or expired at the registrar → `unreachable`, then
 *   reconnect and re-REGISTER by itself with jittered exponential backoff,
 *   forever;
 * - REGISTER refused with 401/403/407 *after* authenticating (RFC 3261 §22)
 *   → `auth-failed` and no further attempt until a new engine is started
 *   (a retry storm would only lock the account);
 * - other registrar errors (5xx, timeouts) → `unreachable` + backoff.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3261#section-10 registrations
 * @see https://www.rfc-editor.org/rfc/rfc3261#section-22 HTTP digest authentication in SIP
 * @see https://www.rfc-editor.org/rfc/rfc7118 SIP over WebSocket
 */
export class SipEngine implements PhoneEngine {
  private readonly options: SipEngineOptions;
  private readonly clock: Clock;
  private readonly log: EngineLogger;
  private readonly ua: UserAgent;
  private readonly registrationSupervisor: SipRegistration;
  private readonly callsById = new Map<string, Call>();
  private stopping = false;

  private readonly didChangeRegistration = new TypedEmitter<RegistrationState>();
  private readonly didReceiveCall = new TypedEmitter<Call>();
  private readonly didCreateCall = new TypedEmitter<Call>();
  /** Registration status changed. */
  readonly onDidChangeRegistration = this.didChangeRegistration.event;
  /** An INVITE arrived; the call is ringing-in. */
  readonly onDidReceiveCall = this.didReceiveCall.event;
  /** Any call was created (dialled or received). */
  readonly onDidCreateCall = this.didCreateCall.event;

  constructor(options: SipEngineOptions) {
    // cleartext SIP (digest, who calls whom) never goes to the network (issue 10)
    assertNotCleartext(options.wsUrl);
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? (() => undefined);
    const minRank = LOG_RANK[options.sipLogLevel ?? 'warn'];
    const uri = UserAgent.makeURI(`sip:${options.user}@${options.domain}`);
    if (!uri) throw new Error(`invalid SIP identity ${options.user}@${options.domain}`);
    this.ua = new UserAgent({
      uri,
      ...(options.displayName ? { displayName: options.displayName } : {}),
      authorizationUsername: options.user,
      authorizationPassword: options.password,
      transportOptions: { server: options.wsUrl, connectionTimeout: CONNECT_TIMEOUT_S },
      transportConstructor: secureTransport(options.webSocketOptions, options.sipTrace),
      // Reconnection is ours (jittered, endless): sip.js's own (deprecated
      // reconnectionAttempts, default 0) stays off.
      ...mediaUserAgentOptions({
        host: options.mediaHost,
        iceServers: options.iceServers,
        logger: (m) => this.log('warn', m),
      }),
      // the UC server tells the app from plain SIP devices by it (SIP MESSAGE goes to phones only)
      userAgentString: SWITCHBOARD_USER_AGENT,
      logBuiltinEnabled: false,
      logLevel: options.sipLogLevel ?? 'warn',
      // sip.js calls the connector for every level whatever logLevel says: filter here.
      logConnector: (level: LogLevel, category: string, _label: string | undefined, content: string) => {
        if (LOG_RANK[level] < minRank) return;
        this.log(level === 'log' ? 'info' : level, `[${category}] ${content}`);
      },
      delegate: {
        onDisconnect: (error) => this.registrationSupervisor.handleTransportDisconnect(error),
        onInvite: (invitation) => this.onInvite(invitation),
        // Instant messages reach the app through the UC server, never as SIP MESSAGE (the proxy stores
        // those): one that still arrives (e.g. inside a call) is refused, not acknowledged and lost.
        onMessage: (message) => void message.reject({ statusCode: 488 }).catch(() => undefined),
      },
    });
    this.registrationSupervisor = new SipRegistration({
      ua: this.ua,
      clock: this.clock,
      expiresS: options.registerExpires ?? 300,
      ...(options.random ? { random: options.random } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.keepAlive !== undefined ? { keepAlive: options.keepAlive } : {}),
      ...(options.watchBinding !== undefined ? { watchBinding: options.watchBinding } : {}),
      log: this.log,
    });
    this.registrationSupervisor.onDidChange((state) => this.didChangeRegistration.fire(state));
  }

  /** Current registration state. */
  get registration(): RegistrationState {
    return this.registrationSupervisor.state;
  }

  /** Re-registrations, reconnects, keep-alive failures and binding losses so far (soak, diagnostics). */
  get registrationCounters(): RegistrationCounters {
    return this.registrationSupervisor.counters;
  }

  /** The user this engine registers. */
  get user(): string {
    return this.options.user;
  }

  /** Calls that have not ended yet. */
  get calls(): Call[] {
    return [...this.callsById.values()];
  }

  getCall(id: string): Call | undefined {
    return this.callsById.get(id);
  }

  /**
   * Connects and registers. Resolves with the state after the first attempt
   * settled (`registered`, `auth-failed` or `unreachable`); retries continue
   * in the background.
   */
  start(): Promise<RegistrationState> {
    return this.registrationSupervisor.start();
  }

  /** Skips the backoff wait and tries now (e.g. the user pressed "retry"); no-op unless unreachable. */
  retryNow(): void {
    this.registrationSupervisor.retryNow();
  }

  /**
   * Ends every call, unregisters (REGISTER with expires 0) and disconnects;
   * bounded by a few seconds when the server is gone.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const call of this.calls) await call.hangup().catch(() => undefined);
    await this.registrationSupervisor.stop();
    for (const call of this.calls) call.markNetworkLoss();
    this.didChangeRegistration.dispose();
    this.didReceiveCall.dispose();
    this.didCreateCall.dispose();
  }

  /**
   * Calls `target`: a user part (`102`, already normalised by parseDialTarget)
   * or a full `sip:` URI.
   */
  dial(target: string, options: { peerName?: string } = {}): Call {
    if (this.registration.status !== 'registered') throw new Error('not registered');
    const uri = this.targetUri(target);
    const inviter = new Inviter(this.ua, uri, {
      sessionDescriptionHandlerOptions: { hold: false } as object,
    });
    const call = this.track(
      new Call(inviter, {
        ...this.callOptions(),
        ...(options.peerName !== undefined ? { peerName: options.peerName } : {}),
      }),
    );
    call.start();
    return call;
  }

  sipUri(target: string): string {
    return this.targetUri(target).toString();
  }

  private targetUri(target: string): URI {
    const t = target.trim();
    const uri = /^sips?:/i.test(t) ? UserAgent.makeURI(t) : UserAgent.makeURI(`sip:${t}@${this.options.domain}`);
    if (!uri) throw new Error(`invalid SIP target: ${target}`);
    return uri;
  }

  private callOptions(): ConstructorParameters<typeof Call>[1] {
    return {
      clock: this.clock,
      localDomain: this.options.domain,
      ...(this.options.dtmfMode ? { dtmfMode: this.options.dtmfMode } : {}),
      log: (m) => this.log('warn', m),
    };
  }

  private track(call: Call): Call {
    this.callsById.set(call.id, call);
    call.onDidEnd(() => this.callsById.delete(call.id));
    call.onDidReceiveRefer((referral) => this.followReferral(referral));
    this.didCreateCall.fire(call);
    return call;
  }

  /**
   * An INVITE with Replaces (RFC 3891): we are the target of an attended
   * transfer and the caller takes over a call we are in. It is answered at
   * once (no ringing) and the replaced call ends only when it names one of
   * our answered calls AND comes referred by the party of that call (the
   * transferor's Referred-By, RFC 3892) — our proxy does not publish dialog
   * ids (BLF without Call-ID/tags), and this second check keeps a stranger
   * who learnt them from silently taking a call over. Otherwise (§3 lets
   * the UA decide) it rings like any call and replaces nothing. A Replaces
   * naming no call of ours gets 481; `early-only` for an answered call 486.
   */
  private onReplacingInvite(invitation: Invitation, header: string): void {
    const replaced = findReplacedCall([...this.callsById.values()], header);
    if (!replaced) {
      void invitation.reject({ statusCode: 481 }).catch(() => undefined);
      return;
    }
    if (/;\s*early-only\b/i.test(header)) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    const call = this.track(new Call(invitation, this.callOptions()));
    if (!sameParty(invitation.request.getHeader('Referred-By'), replaced.session.remoteIdentity.uri)) {
      invitation.progress().catch((err: unknown) => this.log('warn', `180 failed: ${String(err)}`));
      this.didReceiveCall.fire(call);
      return;
    }
    call
      .answer()
      .then(() => replaced.endReplaced())
      .catch((err: unknown) => this.log('warn', `replacing call not taken: ${String(err)}`));
  }

  /**
   * We are being blind-transferred (RFC 3515): accept the REFER and call the
   * Refer-To target as a new outgoing call (with Referred-By); the transferor
   * then ends the old call with BYE.
   */
  private followReferral(referral: Referral): void {
    if (this.stopping || this.registration.status !== 'registered') {
      void referral.reject({ statusCode: 480 }).catch(() => undefined);
      return;
    }
    const refusal = referralRefusal(referral.referTo.uri.host, referral.replaces, this.options.domain);
    if (refusal !== undefined) {
      this.log('warn', `transfer (REFER) refused: ${refusal}`);
      void referral.reject({ statusCode: 403 }).catch(() => undefined);
      return;
    }
    referral
      .accept()
      .then(() => {
        const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: { hold: false } as object });
        this.track(new Call(inviter, this.callOptions())).start();
      })
      .catch((err: unknown) => this.log('warn', `transfer (REFER) not followed: ${String(err)}`));
  }

  private onInvite(invitation: Invitation): void {
    if (this.stopping) {
      void invitation.reject({ statusCode: 480 });
      return;
    }
    // SPEC F6: no call without DTLS-SRTP; refused before it rings, with the reason (RFC 3261 §20.43 Warning)
    const refusal = dtlsSrtpRefusal(invitation.request.body);
    if (refusal !== undefined) {
      this.log('warn', `incoming call refused: ${refusal}`);
      void invitation
        .reject({ statusCode: 488, extraHeaders: [`Warning: 399 ${this.options.domain} "${refusal}"`] })
        .catch((err: unknown) => this.log('warn', `488 failed: ${String(err)}`));
      return;
    }
    const replacesHeader = invitation.request.getHeader('Replaces');
    if (replacesHeader !== undefined) {
      this.onReplacingInvite(invitation, replacesHeader);
      return;
    }
    const call = this.track(new Call(invitation, this.callOptions()));
    // 180 Ringing (sip.js already sent 100 Trying).
    invitation.progress().catch((err: unknown) => this.log('warn', `180 failed: ${String(err)}`));
    this.didReceiveCall.fire(call);
  }
}

/** sip.js's WebSocket transport, reporting each outgoing message first. */
/**
 * The live answered call a Replaces header value names
 * (`call-id;to-tag=<our tag>;from-tag=<their tag>`, RFC 3891 §6.1), if any.
 */
export function findReplacedCall(calls: readonly Call[], header: string): Call | undefined {
  const [callId, ...params] = header.split(';').map((part) => part.trim());
  const param = (name: string): string | undefined =>
    params.find((p) => p.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
  const toTag = param('to-tag');
  const fromTag = param('from-tag');
  if (!callId || !toTag || !fromTag) return undefined;
  return calls.find((call) => {
    const dialog = call.session.dialog;
    return (
      dialog !== undefined &&
      dialog.callId === callId &&
      dialog.localTag === toTag &&
      dialog.remoteTag === fromTag &&
      (call.state === CallState.Established || call.state === CallState.Held)
    );
  });
}

/**
 * Why we will not follow a REFER (RFC 3515), or undefined when we will. The
 * new INVITE is sent as us, authenticated, so the far end of a call must not
 * steer it outside our SIP domain, and the Replaces value sip.js decodes into
 * a header must be a plain `call-id;param=value…` (no CR/LF or spaces that
 * would smuggle more headers in).
 */
export function referralRefusal(host: string, replaces: string | undefined, domain: string): string | undefined {
  if (host.toLowerCase() !== domain.toLowerCase()) return `target outside ${domain}`;
  if (replaces === undefined) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(replaces);
  } catch {
    return 'malformed Replaces';
  }
  return /^[^\s;]+(;[a-z-]+(=[^\s;]+)?)*$/i.test(decoded) ? undefined : 'malformed Replaces';
}

/** Whether a Referred-By header value names the party `uri` (same user and host). */
function sameParty(referredBy: string | undefined, uri: URI): boolean {
  if (!referredBy) return false;
  const inner = /<([^>]*)>/.exec(referredBy)?.[1] ?? referredBy.trim();
  const parsed = UserAgent.makeURI(inner.split(';')[0] ?? '');
  return parsed !== undefined && parsed.user === uri.user && parsed.host.toLowerCase() === uri.host.toLowerCase();
}
