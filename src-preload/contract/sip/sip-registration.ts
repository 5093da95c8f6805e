import {
  Registerer,
  RegistererState,
  RequestPendingError,
  Subscriber,
  SubscriptionState,
  URI,
  type UserAgent,
} from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core/messages/incoming-response.js';
import { ReconnectPolicy } from '../platform/reconnect-policy';
import { FlowKeepAlive, type KeepAliveClock } from './flow-keep-alive';
import { findOwnContact, parseReginfo } from './reginfo';
import { assertRegistrationTransition, type RegistrationIssue, type RegistrationState } from './registration-state';

export type RegistrationLogger = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface SipRegistrationOptions {
  /** the user agent to connect and register; its delegate must forward onDisconnect to {@link SipRegistration.handleTransportDisconnect} */
  ua: UserAgent;
  clock: KeepAliveClock;
  /** REGISTER expiry asked for, seconds (default 300) */
  expiresS?: number;
  /** uniform random source in [0, 1) for the backoff and keep-alive jitter */
  random?: () => number;
  /** reconnect backoff (defaults: 500 ms base, 30 s cap) */
  backoff?: { baseMs?: number; capMs?: number; minMs?: number };
  /** flow keep-alive (RFC 5626 §4.4); false turns it off (unit tests of other parts only) */
  keepAlive?: { intervalMs?: number; timeoutMs?: number } | false;
  /** follow our own binding through the reg event package (RFC 3680); default true */
  watchBinding?: boolean;
  /** bounds stop(): an unreachable registrar must not keep a logout or a shutdown waiting (default 3 s) */
  stopTimeoutMs?: number;
  log?: RegistrationLogger;
}

/** Counters of one registration, for soak reports and health endpoints. */
export interface RegistrationCounters {
  /** successful REGISTERs that (re)established the binding (not the periodic refreshes) */
  registrations: number;
  /** REGISTER refreshes sent by the refresh timer */
  refreshes: number;
  /** connections opened after the first one */
  reconnects: number;
  /** flows found dead by the keep-alive */
  keepAliveFailures: number;
  /** bindings the registrar removed or let expire under us (reg event / refresh) */
  bindingLosses: number;
}

/** Refresh at 80 % of the granted expiry: a refresh that times out (32 s) still leaves time to register again. */
const REFRESH_FREQUENCY = 80;
/** The reg event subscription lives this long between refreshes, seconds. */
const REG_EVENT_EXPIRES_S = 600;

/**
 * Keeps one SIP user agent registered, and tells the truth about it: the
 * shared supervisor of the app's phone engine and of every server-side SIP
 * agent (voicemail…), so that nothing that registers can silently stop being
 * reachable.
 *
 * - **Connect and register** (RFC 3261 §10) over sip.js's WebSocket transport
 *   (RFC 7118); the Registerer refreshes at 80 % of the granted expiry.
 * - **Keep-alive** ({@link FlowKeepAlive}, RFC 5626 §4.4): an OPTIONS to the
 *   proxy every 10 s must be answered within 5 s; otherwise the flow is dead
 *   (half-open TCP, a proxy that dropped the WebSocket without closing it) and
 *   the connection is torn down and opened again at once.
 * - **Binding watch** (RFC 3680): a SUBSCRIBE to our own AOR's "reg" event; when
 *   the registrar reports our contact terminated (removed, expired,
 *   deactivated) the status leaves `registered` at once and we register again.
 * - **Retry** with full-jitter exponential backoff, forever, except after the
 *   registrar refused the credentials (`auth-failed`: a retry storm would only
 *   lock the account out).
 *
 * Statuses and transitions: {@link RegistrationStatus}. Every status change
 * fires {@link SipRegistration.onDidChange}.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3261#section-10 registrations
 * @see https://www.rfc-editor.org/rfc/rfc5626#section-4.4 flow keep-alive
 * @see https://www.rfc-editor.org/rfc/rfc3680 reg event package
 */
export class SipRegistration {
  private readonly ua: UserAgent;
  private readonly clock: KeepAliveClock;
  private readonly log: RegistrationLogger;
  private readonly policy: ReconnectPolicy;
  private readonly registerer: Registerer;
  private readonly keepAlive: FlowKeepAlive | undefined;
  private readonly watchBinding: boolean;
  private readonly expiresS: number;
  private readonly stopTimeoutMs: number;
  private stateValue: RegistrationState = { status: 'stopped' };
  private readonly listeners = new Set<(state: RegistrationState) => void>();
  private started = false;
  private stopping = false;
  private uaStarted = false;
  /** bumped by every attempt, disconnect and stop; stale callbacks compare and bail out */
  private generation = 0;
  /** an explicit REGISTER of ours is waiting for its final response */
  private registering = false;
  /** the keep-alive found the flow dead: the next attempt must open a new connection */
  private flowBroken = false;
  /** we are closing the transport ourselves: its disconnect is expected */
  private selfDisconnecting = false;
  private retryTimer: unknown;
  private firstSettled: ((state: RegistrationState) => void) | undefined;
  private bindingWatch: Subscriber | undefined;
  /** the reg event showed our contact active since the last REGISTER (before that, its silence means nothing) */
  private bindingSeenActive = false;
  private lastRegisteredAt = 0;
  private readonly counterValues: RegistrationCounters = {
    registrations: 0,
    refreshes: 0,
    reconnects: 0,
    keepAliveFailures: 0,
    bindingLosses: 0,
  };

  constructor(options: SipRegistrationOptions) {
    this.ua = options.ua;
    this.clock = options.clock;
    this.log = options.log ?? (() => undefined);
    this.expiresS = options.expiresS ?? 300;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 3_000;
    this.watchBinding = options.watchBinding ?? true;
    this.policy = new ReconnectPolicy({
      ...options.backoff,
      ...(options.random ? { random: options.random } : {}),
    });
    const counters = this.counterValues;
    const own = (): boolean => this.registering;
    // sip.js's refresh timer calls register() on the Registerer itself: count those calls
    this.registerer = new (class extends Registerer {
      override register(options?: Parameters<Registerer['register']>[0]): ReturnType<Registerer['register']> {
        if (!own()) counters.refreshes += 1;
        return super.register(options);
      }
    })(this.ua, { expires: this.expiresS, refreshFrequency: REFRESH_FREQUENCY });
    this.registerer.stateChange.addListener((s) => this.onRegistererState(s));
    this.keepAlive =
      options.keepAlive === false
        ? undefined
        : new FlowKeepAlive({
            clock: this.clock,
            probe: () => this.probeFlow(),
            onDead: (reason) => this.onFlowDead(reason),
            ...(options.keepAlive?.intervalMs !== undefined ? { intervalMs: options.keepAlive.intervalMs } : {}),
            ...(options.keepAlive?.timeoutMs !== undefined ? { timeoutMs: options.keepAlive.timeoutMs } : {}),
            ...(options.random ? { random: options.random } : {}),
          });
  }

  /** Current state (a copy). */
  get state(): RegistrationState {
    return { ...this.stateValue };
  }

  /** Counters since construction (a copy). */
  get counters(): RegistrationCounters {
    return { ...this.counterValues };
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onDidChange(listener: (state: RegistrationState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Connects and registers. Resolves with the state after the first attempt
   * settled (`registered`, `auth-failed` or `unreachable`); retries continue
   * in the background.
   */
  start(): Promise<RegistrationState> {
    if (this.started) return Promise.resolve(this.state);
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
   * Unregisters (REGISTER with expires 0) and disconnects, bounded by
   * `stopTimeoutMs` when the server is gone. The owner ends its calls first.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.generation += 1;
    this.clearRetry();
    this.keepAlive?.stop();
    this.bindingWatch = undefined; // UserAgent.stop() ends every subscription
    const done = this.ua.stop().catch((err: unknown) => this.log('warn', `stop: ${errorMessage(err)}`));
    let timer: unknown;
    await Promise.race([
      done,
      new Promise<void>((resolve) => (timer = this.clock.setTimeout(resolve, this.stopTimeoutMs))),
    ]);
    this.clock.clearTimeout(timer);
    this.setState({ status: 'stopped' });
    this.settleFirst();
    this.listeners.clear();
  }

  /**
   * The transport closed (wire it to the user agent delegate's
   * `onDisconnect`). Calls survive a short outage (SPEC A4): the owner keeps
   * them; here the binding is re-established.
   */
  handleTransportDisconnect(error?: Error): void {
    if (this.stopping || this.stateValue.status === 'auth-failed' || this.selfDisconnecting) return;
    // the keep-alive already tore this flow down and scheduled the reconnect
    if (this.flowBroken) return;
    this.generation += 1;
    this.registering = false;
    this.stopFlowWatchers();
    this.log('warn', `transport lost${error ? `: ${error.message}` : ''}`);
    this.scheduleRetry('connection-lost', 'connection lost');
  }

  // ------------------------------------------------------------ connect + register

  private async attempt(): Promise<void> {
    if (this.stopping || this.stateValue.status === 'auth-failed') return;
    const gen = ++this.generation;
    this.clearRetry();
    if (this.flowBroken || !this.ua.isConnected()) {
      try {
        if (this.flowBroken && this.ua.transport.isConnected()) {
          // the socket was terminated; wait for its close before opening a new one
          this.selfDisconnecting = true;
          try {
            await this.ua.transport.disconnect();
          } finally {
            this.selfDisconnecting = false;
          }
        }
        this.flowBroken = false;
        if (this.uaStarted) {
          this.counterValues.reconnects += 1;
          await this.ua.reconnect();
        } else {
          this.uaStarted = true;
          await this.ua.start();
        }
      } catch (err) {
        if (gen !== this.generation) return;
        this.scheduleRetry('server-unreachable', `cannot connect: ${errorMessage(err)}`);
        return;
      }
    }
    if (gen !== this.generation) return;
    this.register(gen);
  }

  private register(gen: number): void {
    this.registering = true;
    this.bindingSeenActive = false;
    this.registerer
      .register({
        requestDelegate: {
          onAccept: () => {
            if (gen !== this.generation) return;
            this.registering = false;
            this.policy.reset();
            this.lastRegisteredAt = this.clock.now();
            this.counterValues.registrations += 1;
            this.setState({ status: 'registered' });
            this.settleFirst();
            this.keepAlive?.start();
            this.startBindingWatch(gen);
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
        this.scheduleRetry('registrar-error', detail);
      });
  }

  private onRegisterRejected(response: IncomingResponse): void {
    const code = response.message.statusCode ?? 0;
    const detail = `REGISTER ${code} ${response.message.reasonPhrase ?? ''}`.trim();
    if (code === 401 || code === 403 || code === 407) {
      this.log('error', `${detail}: credentials refused, not retrying`);
      this.clearRetry();
      this.setState({ status: 'auth-failed', detail, issue: 'credentials-refused' });
      this.settleFirst();
      return;
    }
    this.log('error', `${detail}: registrar error`);
    this.scheduleRetry('registrar-error', detail);
  }

  private onRegistererState(state: RegistererState): void {
    // Our own REGISTERs report through their delegate; this catches the
    // refreshes sip.js sends by itself and an expired registration.
    if (state !== RegistererState.Unregistered || this.registering || this.stopping) return;
    if (this.stateValue.status !== 'registered') return;
    const expired = this.clock.now() - this.lastRegisteredAt >= this.expiresS * 1000;
    this.onBindingLost(
      expired ? 'binding-expired' : 'refresh-failed',
      expired ? 'registration expired' : 'registration refresh failed',
    );
  }

  // ------------------------------------------------------------ keep-alive

  /**
   * One keep-alive probe: an out-of-dialog OPTIONS to the proxy (RFC 3261
   * §11), which Kamailio answers statelessly. Any response that came over
   * the wire proves the flow; sip.js's own 408/503 (no Via) do not.
   */
  private probeFlow(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (!this.ua.transport.isConnected()) {
        reject(new Error('transport not connected'));
        return;
      }
      const aor = this.ua.configuration.uri;
      const proxy = new URI('sip', '', aor.host, aor.port);
      const core = this.ua.userAgentCore;
      const message = core.makeOutgoingRequestMessage('OPTIONS', proxy, aor, proxy, {});
      const settle = (response: IncomingResponse): void => {
        if (response.message.getHeader('via') !== undefined) resolve();
        else reject(new Error(`${response.message.statusCode ?? 0} ${response.message.reasonPhrase ?? ''}`.trim()));
      };
      core.request(message, { onAccept: settle, onReject: settle, onRedirect: settle });
    });
  }

  private onFlowDead(reason: string): void {
    if (this.stopping || this.stateValue.status !== 'registered') return;
    this.counterValues.keepAliveFailures += 1;
    this.log('warn', `SIP flow dead (${reason}); reconnecting`);
    this.generation += 1;
    this.registering = false;
    this.flowBroken = true;
    this.stopFlowWatchers();
    terminateSocket(this.ua);
    this.policy.reset();
    this.scheduleRetry('keep-alive-timeout', reason);
  }

  // ------------------------------------------------------------ binding watch (RFC 3680)

  private startBindingWatch(gen: number): void {
    if (!this.watchBinding || this.bindingWatch) return;
    const aor = this.ua.configuration.uri;
    const subscriber = new Subscriber(this.ua, aor, 'reg', {
      expires: REG_EVENT_EXPIRES_S,
      extraHeaders: ['Accept: application/reginfo+xml'],
    });
    subscriber.delegate = {
      onNotify: (notification) => {
        notification.accept().catch(() => undefined);
        if (gen === this.generation && subscriber === this.bindingWatch) this.onReginfo(notification.request.body);
      },
    };
    subscriber.stateChange.addListener((s) => {
      if (s !== SubscriptionState.Terminated || subscriber !== this.bindingWatch) return;
      this.bindingWatch = undefined;
      if (!this.stopping)
        this.log('info', 'reg event subscription ended; the keep-alive and refreshes still watch the binding');
    });
    this.bindingWatch = subscriber;
    subscriber
      .subscribe()
      .catch((err: unknown) => this.log('warn', `reg event SUBSCRIBE failed: ${errorMessage(err)}`));
  }

  private onReginfo(body: string): void {
    if (!body) return; // a first NOTIFY may carry no document yet
    let own;
    try {
      const info = parseReginfo(body);
      own = findOwnContact(info, this.ua.configuration.uri.user ?? '', this.ua.contact.uri.user ?? '');
      // a partial document lists only what changed: silence about us is no news
      if (own === undefined && info.state === 'partial') return;
    } catch (error) {
      this.log('warn', `ignored a reg event NOTIFY: ${errorMessage(error)}`);
      return;
    }
    if (own?.state === 'active') {
      this.bindingSeenActive = true;
      return;
    }
    // Before the registrar's document has shown our new binding, its silence
    // may just be an older state (the PUBLISH behind it is asynchronous).
    if (!this.bindingSeenActive || this.registering || this.stateValue.status !== 'registered') return;
    const issue: RegistrationIssue = own?.event === 'expired' ? 'binding-expired' : 'binding-removed';
    this.onBindingLost(
      issue,
      own ? `the registrar reports our contact ${own.event}` : 'the registrar no longer lists our contact',
    );
  }

  private onBindingLost(issue: RegistrationIssue, detail: string): void {
    this.counterValues.bindingLosses += 1;
    this.log('warn', `${detail}; registering again`);
    this.generation += 1;
    this.registering = false;
    this.bindingSeenActive = false;
    this.scheduleRetry(issue, detail);
  }

  private stopFlowWatchers(): void {
    this.keepAlive?.stop();
    const watch = this.bindingWatch;
    this.bindingWatch = undefined;
    // its dialog lived on the old flow; a new one is made after the next REGISTER
    watch?.dispose().catch(() => undefined);
  }

  // ------------------------------------------------------------ state

  private scheduleRetry(issue: RegistrationIssue, detail: string): void {
    if (this.stopping) return;
    this.clearRetry();
    this.keepAlive?.stop();
    const delay = this.policy.nextDelayMs();
    const nextRetryAt = this.clock.now() + delay;
    this.log('info', `${detail}; retry in ${delay} ms`);
    this.setState({ status: 'unreachable', nextRetryAt, detail, issue });
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
    resolve?.(this.state);
  }

  private setState(state: RegistrationState): void {
    const prev = this.stateValue;
    assertRegistrationTransition(prev.status, state.status);
    this.stateValue = state;
    if (
      prev.status === state.status &&
      prev.nextRetryAt === state.nextRetryAt &&
      prev.detail === state.detail &&
      prev.issue === state.issue
    ) {
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(this.state);
      } catch (error) {
        this.log('error', `registration listener failed: ${errorMessage(error)}`);
      }
    }
  }
}

/**
 * Closes the user agent's socket at once. A dead flow would make a polite
 * WebSocket close wait for the closing handshake (30 s in `ws`); the `ws`
 * socket of Node has terminate(), a browser's only close().
 */
function terminateSocket(ua: UserAgent): void {
  const ws = (ua.transport as { ws?: { terminate?: () => void; close?: () => void } }).ws;
  try {
    if (ws?.terminate) ws.terminate();
    else ws?.close?.();
  } catch {
    // already closed
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
