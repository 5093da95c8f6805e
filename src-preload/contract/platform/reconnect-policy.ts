/**
 * When to try again after the SIP transport dropped or the server could not
 * be reached: exponential backoff with *full jitter* (delay drawn uniformly in
 * `[0, min(cap, base·2^attempt)]`), so that many clients cut off by the same
 * server restart do not all come back in the same instant (AWS Architecture
 * Blog, "Exponential Backoff And Jitter"). It never gives up: a desktop phone
 * must come back by itself whenever the server does.
 *
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export interface ReconnectPolicyOptions {
  /** delay ceiling of the first retry, ms (default 500) */
  baseMs?: number;
  /** largest delay ever returned, ms (default 30 000) */
  capMs?: number;
  /** smallest delay returned, ms, so a dead server is never hammered in a tight loop (default 100) */
  minMs?: number;
  /** uniform random source in [0, 1) (default Math.random) */
  random?: () => number;
}

export class ReconnectPolicy {
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly minMs: number;
  private readonly random: () => number;
  private attempt = 0;

  constructor(options: ReconnectPolicyOptions = {}) {
    this.baseMs = options.baseMs ?? 500;
    this.capMs = options.capMs ?? 30_000;
    this.minMs = Math.min(options.minMs ?? 100, this.capMs);
    this.random = options.random ?? Math.random;
    if (!(this.baseMs > 0) || !(this.capMs >= this.baseMs)) {
      throw new RangeError(`invalid backoff: base ${this.baseMs} ms, cap ${this.capMs} ms`);
    }
  }

  /** Number of delays handed out since the last {@link ReconnectPolicy.reset}. */
  get attempts(): number {
    return this.attempt;
  }

  /** Upper bound of the delay for the next attempt (before jitter). */
  get currentCeilingMs(): number {
    // 2^attempt overflows to Infinity for huge attempt counts; min() keeps it at the cap.
    return Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempt, 62));
  }

  /** Delay before the next attempt, in ms; advances the attempt counter. */
  nextDelayMs(): number {
    const ceiling = this.currentCeilingMs;
    this.attempt += 1;
    const r = Math.min(Math.max(this.random(), 0), 1);
    return Math.max(this.minMs, Math.floor(r * ceiling));
  }

  /** Call after a successful connection: the next outage starts again from the base delay. */
  reset(): void {
    this.attempt = 0;
  }
}
