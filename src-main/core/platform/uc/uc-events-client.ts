import WebSocket from 'ws';
import { liveEventSchema, type LiveEvent } from '../../../../src-preload/contract/ipc-contract';
import {
  LIVE_EVENTS_CLOSE,
  liveEventsReadyFrameSchema,
  type LiveEventsAuthFrame,
} from '../../../../src-preload/contract/platform/live-events';
import {
  ReconnectPolicy,
  type ReconnectPolicyOptions,
} from '../../../../src-preload/contract/platform/reconnect-policy';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { assertNotCleartext } from '../tls/certificate-trust';
import { TypedEmitter, type Event } from '../typed-emitter';
import { UcClientError } from './uc-client-error';

/**
 * State of the live-events socket:
 *
 * ```
 *   stopped ──start()──▶ connecting ──ready──▶ open
 *      ▲                   ▲   │                │ close / error / silent too long
 *      │                   │   ▼                ▼
 *      └────stop()──── waiting (backoff, jittered, never gives up) ◀┘
 * ```
 * `connecting` covers the WebSocket handshake, the auth frame and the
 * renewal of a session the server ended: the socket is `open` once the
 * server answered `{type:"ready"}`.
 * `stop()` from any state goes to `stopped`; so does a session the server
 * ended that cannot be renewed ({@link UcEventsClient.onDidEndSession}).
 */
export type EventsSocketState = 'stopped' | 'connecting' | 'open' | 'waiting';

/** The minimal socket the client needs (a `ws` WebSocket; a seam for tests). */
export interface EventsSocket {
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: WebSocket.RawData) => void): unknown;
  on(event: 'close', listener: (code: number) => void): unknown;
  send(data: string): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'unexpected-response', listener: (req: unknown, res: { statusCode?: number }) => void): unknown;
  terminate(): void;
}

export interface UcEventsClientOptions {
  /** `ws(s)://host:port/api/v1/events` (see parseServerAddress) */
  eventsUrl: string;
  /** the current access token, read at every (re)connection */
  accessToken: () => string | undefined;
  /**
   * called when the server refuses the token (close code 4401) or ended the
   * session (4410): renew it (refresh, else log in again), then we reconnect
   */
  refreshToken?: () => Promise<unknown>;
  clock?: Clock;
  backoff?: ReconnectPolicyOptions;
  /**
   * The server pings every ~20 s; with no frame at all for this long the
   * connection is considered dead (half-open TCP) and replaced (default 45 s).
   */
  idleTimeoutMs?: number;
  /** how long the opening handshake may take (default 10 s) */
  connectTimeoutMs?: number;
  /** TLS options of the socket (the session's CertificateTrust, SPEC A1); default Node's verification */
  webSocketOptions?: (url: string) => WebSocket.ClientOptions;
  /** seam for tests */
  createSocket?: (url: string) => EventsSocket;
  logger?: (level: 'info' | 'warn', message: string) => void;
}

/**
 * Client of WS /events: connects, authenticates with the access token in
 * its first frame (never in the URL, which servers and proxies log), validates every
 * frame (`changed` / `ping`; anything else is logged and ignored), and
 * reconnects after any loss with jittered exponential backoff, forever
 * (shared {@link ReconnectPolicy} with the SIP engine), until {@link stop}.
 */
export class UcEventsClient {
  private readonly clock: Clock;
  private readonly policy: ReconnectPolicy;
  private readonly idleTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly createSocket: (url: string) => EventsSocket;
  private readonly log: (level: 'info' | 'warn', message: string) => void;
  private socket: EventsSocket | undefined;
  private retryTimer: TimerHandle | undefined;
  private idleTimer: TimerHandle | undefined;
  private connectTimer: TimerHandle | undefined;
  private current: EventsSocketState = 'stopped';
  private generation = 0;

  private readonly didChangeState = new TypedEmitter<EventsSocketState>();
  private readonly didReceive = new TypedEmitter<LiveEvent>();
  private readonly didEndSession = new TypedEmitter<unknown>();
  /** Fires on every state change. */
  readonly onDidChangeState: Event<EventsSocketState> = this.didChangeState.event;
  /** Fires for every valid `changed` frame (pings are consumed here). */
  readonly onDidReceive: Event<LiveEvent> = this.didReceive.event;
  /**
   * Fires (with the renewal's error) when the server ended the session
   * (logout elsewhere, token theft detected, password changed or reset) and
   * it could not be renewed because the credentials are refused: the client
   * is stopped, the user must log in again.
   */
  readonly onDidEndSession: Event<unknown> = this.didEndSession.event;

  constructor(private readonly options: UcEventsClientOptions) {
    // the token travels on this socket: never in clear to the network (issue 10)
    assertNotCleartext(options.eventsUrl);
    this.clock = options.clock ?? systemClock;
    this.policy = new ReconnectPolicy(options.backoff);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.createSocket =
      options.createSocket ??
      ((url) => new WebSocket(url, { handshakeTimeout: this.connectTimeoutMs, ...options.webSocketOptions?.(url) }));
    this.log = options.logger ?? (() => undefined);
  }

  get state(): EventsSocketState {
    return this.current;
  }

  /** epoch ms of the next connection attempt while `waiting` */
  nextRetryAt: number | undefined;

  /** Starts connecting (no-op unless stopped). */
  start(): void {
    if (this.current !== 'stopped') return;
    this.connect();
  }

  /** Reconnects now instead of waiting for the backoff (e.g. the HTTP side saw the server again). */
  retryNow(): void {
    if (this.current !== 'waiting') return;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.connect();
  }

  /** Closes the socket and stops reconnecting. Idempotent. */
  stop(): void {
    this.generation++;
    this.clock.clearTimeout(this.retryTimer);
    this.clock.clearTimeout(this.idleTimer);
    this.clock.clearTimeout(this.connectTimer);
    this.retryTimer = this.idleTimer = this.connectTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.terminate();
    this.setState('stopped');
  }

  private connect(): void {
    const token = this.options.accessToken();
    const gen = ++this.generation;
    this.nextRetryAt = undefined;
    this.setState('connecting');
    if (!token) {
      this.scheduleRetry(gen, 'no access token');
      return;
    }
    let socket: EventsSocket;
    try {
      socket = this.createSocket(this.options.eventsUrl);
    } catch (err) {
      this.scheduleRetry(gen, err instanceof Error ? err.message : String(err));
      return;
    }
    this.socket = socket;
    let refused401 = false;
    let ready = false;
    this.connectTimer = this.clock.setTimeout(() => {
      if (gen === this.generation && this.current === 'connecting') socket.terminate();
    }, this.connectTimeoutMs + 1000);
    socket.on('open', () => {
      if (gen !== this.generation) return;
      const auth: LiveEventsAuthFrame = { type: 'auth', accessToken: this.options.accessToken() ?? token };
      socket.send(JSON.stringify(auth));
    });
    socket.on('message', (data) => {
      if (gen !== this.generation) return;
      this.armIdle(gen, socket);
      let json: unknown;
      try {
        json = JSON.parse(rawToString(data));
      } catch {
        this.log('warn', 'events: ignored a frame that is not JSON');
        return;
      }
      if (!ready) {
        if (!liveEventsReadyFrameSchema.safeParse(json).success) return;
        ready = true;
        this.clock.clearTimeout(this.connectTimer);
        this.policy.reset();
        this.setState('open');
        return;
      }
      const parsed = liveEventSchema.safeParse(json);
      if (!parsed.success) {
        this.log('warn', `events: ignored an unexpected frame: ${JSON.stringify(json).slice(0, 120)}`);
        return;
      }
      if (parsed.data.type === 'ping') return;
      this.didReceive.fire(parsed.data);
    });
    socket.on('unexpected-response', (_req, res) => {
      if (res.statusCode === 401) refused401 = true;
      socket.terminate();
    });
    socket.on('error', (err) => {
      if (gen === this.generation) this.log('warn', `events: ${err.message}`);
    });
    socket.on('close', (code) => {
      if (gen !== this.generation) return;
      this.clock.clearTimeout(this.idleTimer);
      this.clock.clearTimeout(this.connectTimer);
      this.socket = undefined;
      if (code === LIVE_EVENTS_CLOSE.sessionEnded) {
        this.renewSession(gen);
        return;
      }
      if (code === LIVE_EVENTS_CLOSE.unauthorized || code === LIVE_EVENTS_CLOSE.passwordChangeRequired)
        refused401 = true;
      if (refused401 && this.options.refreshToken) {
        // Refresh first, then reconnect on the normal backoff (a refused refresh must not spin).
        this.options
          .refreshToken()
          .catch((err: unknown) => this.log('warn', `events: token refresh failed: ${String(err)}`));
      }
      this.scheduleRetry(gen, refused401 ? 'token refused' : 'closed');
    });
  }

  /**
   * The server ended the session: renew it (refresh fails for a revoked
   * session, then the app logs in again with the password it holds). Refused
   * credentials (the password was changed elsewhere) end the session here:
   * stopped, {@link onDidEndSession}; anything else (server unreachable) retries.
   */
  private renewSession(gen: number): void {
    this.log('info', 'events: the server ended the session; renewing it');
    // still `connecting`, not `waiting`: retryNow() must not reconnect with the dead session's token meanwhile
    this.setState('connecting');
    const renew = this.options.refreshToken?.() ?? Promise.resolve();
    renew.then(
      () => this.scheduleRetry(gen, 'session renewed'),
      (err: unknown) => {
        if (gen !== this.generation) return;
        if (err instanceof UcClientError && err.status === 401) {
          this.log('warn', `events: the session ended and could not be renewed: ${err.message}`);
          this.stop();
          this.didEndSession.fire(err);
          return;
        }
        this.scheduleRetry(gen, `session renewal failed: ${String(err)}`);
      },
    );
  }

  private armIdle(gen: number, socket: EventsSocket): void {
    this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = this.clock.setTimeout(() => {
      if (gen !== this.generation) return;
      this.log('warn', `events: no frame for ${this.idleTimeoutMs} ms, reconnecting`);
      socket.terminate();
    }, this.idleTimeoutMs);
  }

  private scheduleRetry(gen: number, why: string): void {
    if (gen !== this.generation) return;
    const delay = this.policy.nextDelayMs();
    this.nextRetryAt = this.clock.now() + delay;
    this.log('info', `events: ${why}; reconnecting in ${delay} ms`);
    this.setState('waiting');
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (gen === this.generation) this.connect();
    }, delay);
  }

  private setState(state: EventsSocketState): void {
    if (this.current === state) return;
    this.current = state;
    this.didChangeState.fire(state);
  }
}

function rawToString(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
