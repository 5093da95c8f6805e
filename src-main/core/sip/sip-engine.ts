import {
  type Invitation,
  Inviter,
  Registerer,
  RegistererState,
  RequestPendingError,
  UserAgent,
  Web,
  type LogLevel,
  type Referral,
  type URI,
} from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core/messages/incoming-response.js';
import type { IceServer, MediaHost } from '../../../src-preload/contract/media-contract';
import { mediaUserAgentOptions } from '../media/media-sdh';
import { systemClock, type Clock, type TimerHandle } from '../util/clock';
import { TypedEmitter } from '../util/typed-emitter';
import { Call, type DtmfMode } from './call';
import { CallState } from './call-state';
import { ensureWebSocket } from './node-websocket';
import type { PhoneEngine } from './phone-engine';
import { ReconnectPolicy } from './reconnect-policy';
import { assertRegistrationTransition, type RegistrationStatus } from './registration-state';

export type { RegistrationStatus } from './registration-state';

export interface RegistrationState {
  status: RegistrationStatus;
  /** epoch ms of the next automatic attempt while `unreachable` */
  nextRetryAt?: number;
  /** last error, for logs and tooltips (not translated) */
  detail?: string;
}

export type EngineLogger = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface SipEngineOptions {
  /** WebSocket URL of the SIP proxy (RFC 7118), e.g. ws://127.0.0.1:8080 */
  wsUrl: string;
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

/** Bounds stop(): an unreachable registrar must not keep logout waiting. */
const STOP_TIMEOUT_MS = 3_000;
/** WebSocket connect timeout, seconds (sip.js transport option). */
const CONNECT_TIMEOUT_S = 5;

/**
 * The SIP user agent of one logged-in user: a sip.js {@link UserAgent} over
 * WebSocket (RFC 7118) with a {@link Registerer} (RFC 3261 §10) and its calls.
 *
 * Connection policy:
 * - transport lost or server unreachable → `unreachable`, then reconnect and
 *   re-REGISTER by itself with jittered exponential backoff, forever;
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
  private readonly policy: ReconnectPolicy;
  private readonly ua: UserAgent;
  private readonly registerer: Registerer;
  private readonly callsById = new Map<string, Call>();
  private stateValue: RegistrationState = { status: 'stopped' };
  private started = false;
  private stopping = false;
  private uaStarted = false;
  /** bumped by every attempt, disconnect and stop; stale callbacks compare and bail out */
  private generation = 0;
  /** an explicit REGISTER of ours is waiting for its final response */
  private registering = false;
  private retryTimer: TimerHandle | undefined;
  private firstSettled: ((state: RegistrationState) => void) | undefined;

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
    ensureWebSocket();
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? (() => undefined);
    this.policy = new ReconnectPolicy({
      ...options.backoff,
      ...(options.random ? { random: options.random } : {}),
    });
    const minRank = LOG_RANK[options.sipLogLevel ?? 'warn'];
    const uri = UserAgent.makeURI(`sip:${options.user}@${options.domain}`);
    if (!uri) throw new Error(`invalid SIP identity ${options.user}@${options.domain}`);
    this.ua = new UserAgent({
      uri,
      ...(options.displayName ? { displayName: options.displayName } : {}),
      authorizationUsername: options.user,
      authorizationPassword: options.password,
      transportOptions: { server: options.wsUrl, connectionTimeout: CONNECT_TIMEOUT_S },
      ...(options.sipTrace ? { transportConstructor: tracingTransport(options.sipTrace) } : {}),
      // Reconnection is ours (jittered, endless): sip.js's own (deprecated
      // reconnectionAttempts, default 0) stays off.
      ...mediaUserAgentOptions({
        host: options.mediaHost,
        iceServers: options.iceServers,
        logger: (m) => this.log('warn', m),
      }),
      userAgentString: 'Switchboard',
      logBuiltinEnabled: false,
      logLevel: options.sipLogLevel ?? 'warn',
      // sip.js calls the connector for every level whatever logLevel says: filter here.
      logConnector: (level: LogLevel, category: string, _label: string | undefined, content: string) => {
        if (LOG_RANK[level] < minRank) return;
        this.log(level === 'log' ? 'info' : level, `[${category}] ${content}`);
      },
      delegate: {
        onDisconnect: (error) => this.onDisconnect(error),
        onInvite: (invitation) => this.onInvite(invitation),
      },
    });
    this.registerer = new Registerer(this.ua, { expires: options.registerExpires ?? 300 });
    this.registerer.stateChange.addListener((s) => this.onRegistererState(s));
  }

  /** Current registration state. */
  get registration(): RegistrationState {
    return { ...this.stateValue };
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
    if (this.started) return Promise.resolve(this.registration);
    this.started = true;
    const settled = new Promise<RegistrationState>((resolve) => {
      this.firstSettled = resolve;
    });
    this.setState({ status: 'connecting' });
    void this.attempt();
    return settled;
  }

  /** Skips the backoff wait and tries now (e.g. the user pressed "retry"); no-op unless unreachable. */
  retryNow(): void {
    if (this.stateValue.status === 'unreachable' && !this.stopping) void this.attempt();
  }

  /**
   * Ends every call, unregisters (REGISTER with expires 0) and disconnects;
   * bounded by a few seconds when the server is gone.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.generation += 1;
    this.clearRetry();
    for (const call of this.calls) await call.hangup().catch(() => undefined);
    const done = (async () => {
      // UserAgent.stop() disposes the registerer, which unregisters if registered.
      await this.ua.stop().catch((err: unknown) => this.log('warn', `stop: ${String(err)}`));
    })();
    await Promise.race([done, new Promise<void>((resolve) => this.clock.setTimeout(resolve, STOP_TIMEOUT_MS))]);
    for (const call of this.calls) call.markNetworkLoss();
    this.setState({ status: 'stopped' });
    this.settleFirst();
    this.didReceiveCall.dispose();
    this.didCreateCall.dispose();
  }

  /**
   * Calls `target`: a user part (`102`, already normalised by parseDialTarget)
   * or a full `sip:` URI.
   */
  dial(target: string, options: { peerName?: string } = {}): Call {
    if (this.stateValue.status !== 'registered') throw new Error('not registered');
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
    if (this.stopping || this.stateValue.status !== 'registered') {
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

  // ------------------------------------------------------------ connection

  private async attempt(): Promise<void> {
    if (this.stopping || this.stateValue.status === 'auth-failed') return;
    const gen = ++this.generation;
    this.clearRetry();
    if (!this.ua.isConnected()) {
      try {
        if (this.uaStarted) await this.ua.reconnect();
        else {
          this.uaStarted = true;
          await this.ua.start();
        }
      } catch (err) {
        if (gen !== this.generation) return;
        this.scheduleRetry(`cannot connect to ${this.options.wsUrl}: ${errorMessage(err)}`);
        return;
      }
    }
    if (gen !== this.generation) return;
    this.register(gen);
  }

  private register(gen: number): void {
    this.registering = true;
    this.registerer
      .register({
        requestDelegate: {
          onAccept: () => {
            if (gen !== this.generation) return;
            this.registering = false;
            this.policy.reset();
            this.setState({ status: 'registered' });
            this.settleFirst();
          },
          onReject: (response) => {
            if (gen !== this.generation) return;
            this.registering = false;
            this.onRegisterRejected(response);
          },
        },
      })
      .catch((err: unknown) => {
        if (gen !== this.generation) return;
        this.registering = false;
        // RequestPendingError: a REGISTER from before a transport loss is still
        // waiting for its transaction timeout; try again after the backoff.
        const detail = err instanceof RequestPendingError ? 'previous REGISTER still pending' : errorMessage(err);
        this.scheduleRetry(detail);
      });
  }

  private onRegisterRejected(response: IncomingResponse): void {
    const code = response.message.statusCode ?? 0;
    const detail = `REGISTER ${code} ${response.message.reasonPhrase ?? ''}`.trim();
    if (code === 401 || code === 403 || code === 407) {
      this.log('warn', `${detail}: credentials refused, not retrying`);
      this.clearRetry();
      this.setState({ status: 'auth-failed', detail });
      this.settleFirst();
      return;
    }
    this.scheduleRetry(detail);
  }

  private onRegistererState(state: RegistererState): void {
    // Our own REGISTERs report through their delegate; this catches the
    // refreshes sip.js sends by itself and an expired registration.
    if (state !== RegistererState.Unregistered || this.registering || this.stopping) return;
    if (this.stateValue.status !== 'registered') return;
    this.generation += 1;
    this.scheduleRetry('registration refresh failed');
  }

  private onDisconnect(error?: Error): void {
    if (this.stopping || this.stateValue.status === 'auth-failed') return;
    this.generation += 1;
    this.registering = false;
    this.log('warn', `transport lost${error ? `: ${error.message}` : ''}`);
    // Calls survive a short outage (SPEC A4): media flows peer to peer.
    this.scheduleRetry('connection lost');
  }

  private scheduleRetry(detail: string): void {
    if (this.stopping) return;
    this.clearRetry();
    const delay = this.policy.nextDelayMs();
    const nextRetryAt = this.clock.now() + delay;
    this.log('info', `${detail}; retry in ${delay} ms`);
    this.setState({ status: 'unreachable', nextRetryAt, detail });
    this.settleFirst();
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      void this.attempt();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private settleFirst(): void {
    const resolve = this.firstSettled;
    this.firstSettled = undefined;
    resolve?.(this.registration);
  }

  private setState(state: RegistrationState): void {
    const prev = this.stateValue;
    assertRegistrationTransition(prev.status, state.status);
    this.stateValue = state;
    if (prev.status === state.status && prev.nextRetryAt === state.nextRetryAt && prev.detail === state.detail) return;
    this.didChangeRegistration.fire(this.registration);
  }
}

/** sip.js's WebSocket transport, reporting each outgoing message first. */
function tracingTransport(trace: (message: string) => void): typeof Web.Transport {
  return class TracingTransport extends Web.Transport {
    override send(message: string): Promise<void> {
      trace(message);
      return super.send(message);
    }
  };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

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
