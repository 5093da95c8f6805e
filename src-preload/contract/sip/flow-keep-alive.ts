/**
 * Keep-alive of one SIP flow (RFC 5626 §4.4): every `intervalMs` (jittered
 * down to 80 %, so a thousand clients cut off by one restart do not ping in
 * step) a probe is sent, and its answer must arrive within `timeoutMs`. A probe
 * left unanswered means the flow is dead even if the socket still looks open
 * (a half-open TCP connection, a proxy that stopped reading it): `onDead` fires
 * once and the keep-alive stops; the owner tears the connection down and
 * reconnects.
 *
 * The probe is the owner's: Switchboard sends an out-of-dialog OPTIONS to the
 * proxy (Kamailio answers it statelessly), which proves the proxy still
 * processes SIP on this connection, not only that TCP is up.
 *
 * ```text
 *  stopped ──start()──▶ waiting ──interval──▶ probing ──answer──▶ waiting
 *     ▲                    │                     │
 *     └────── stop() ──────┴──────────────── timeout ──▶ dead (onDead, then stopped)
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc5626#section-4.4 keep-alive mechanisms
 * @see https://www.rfc-editor.org/rfc/rfc5626#section-4.4.1 CRLF keep-alive for connection-oriented transports
 */

/** One-shot timers and the time, as the app's and the server's clocks both provide. */
export interface KeepAliveClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FlowKeepAliveOptions {
  clock: KeepAliveClock;
  /** sends one probe; resolves when the far end answered (any answer proves the flow), rejects on a send error */
  probe: () => Promise<void>;
  /** called once when a probe went unanswered for `timeoutMs` (or could not be sent) */
  onDead: (reason: string) => void;
  /** time between probes, ms (default {@link DEFAULT_KEEP_ALIVE_INTERVAL_MS}) */
  intervalMs?: number;
  /** how long an answer may take, ms (default {@link DEFAULT_KEEP_ALIVE_TIMEOUT_MS}) */
  timeoutMs?: number;
  /** uniform random source in [0, 1) for the jitter (default Math.random) */
  random?: () => number;
}

/**
 * 10 s between probes: a dead flow is noticed within about 15 s, and an idle
 * connection never reaches the proxy's own 30 s WebSocket keep-alive (see
 * server/kamailio/kamailio.cfg) nor a NAT's idle timeout.
 */
export const DEFAULT_KEEP_ALIVE_INTERVAL_MS = 10_000;
/** RFC 5626 §4.4.1 waits 10 s for a pong; on a LAN or loopback 5 s is ample and halves the blind spot. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;

type Phase = 'stopped' | 'waiting' | 'probing';

export class FlowKeepAlive {
  private readonly clock: KeepAliveClock;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly random: () => number;
  private phase: Phase = 'stopped';
  private timer: unknown;
  /** bumped by start/stop so the answer of an abandoned probe is ignored */
  private round = 0;
  private probesSent = 0;

  constructor(private readonly options: FlowKeepAliveOptions) {
    this.clock = options.clock;
    this.intervalMs = options.intervalMs ?? DEFAULT_KEEP_ALIVE_INTERVAL_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
    this.random = options.random ?? Math.random;
    if (!(this.intervalMs > 0) || !(this.timeoutMs > 0)) {
      throw new RangeError(`invalid keep-alive: every ${this.intervalMs} ms, timeout ${this.timeoutMs} ms`);
    }
  }

  /** Whether probes are scheduled. */
  get running(): boolean {
    return this.phase !== 'stopped';
  }

  /** Probes sent since construction (diagnostics, soak figures). */
  get sent(): number {
    return this.probesSent;
  }

  /** Starts probing (a no-op while running). */
  start(): void {
    if (this.phase !== 'stopped') return;
    this.round += 1;
    this.scheduleNext();
  }

  /** Stops probing; an answer still in flight is ignored. */
  stop(): void {
    this.round += 1;
    this.phase = 'stopped';
    this.clearTimer();
  }

  private scheduleNext(): void {
    this.clearTimer();
    this.phase = 'waiting';
    const r = Math.min(Math.max(this.random(), 0), 1);
    const delay = Math.round(this.intervalMs * (0.8 + 0.2 * r));
    const round = this.round;
    this.timer = this.clock.setTimeout(() => {
      if (round === this.round) this.sendProbe();
    }, delay);
  }

  private sendProbe(): void {
    this.phase = 'probing';
    this.probesSent += 1;
    const round = ++this.round;
    this.timer = this.clock.setTimeout(() => {
      if (round === this.round) this.die(`no answer to a keep-alive within ${this.timeoutMs} ms`);
    }, this.timeoutMs);
    let probing: Promise<void>;
    try {
      probing = this.options.probe();
    } catch (error) {
      probing = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    probing.then(
      () => {
        if (round === this.round && this.phase === 'probing') this.scheduleNext();
      },
      (error: unknown) => {
        if (round === this.round && this.phase === 'probing') {
          this.die(`keep-alive not sent: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    );
  }

  private die(reason: string): void {
    this.stop();
    this.options.onDead(reason);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
