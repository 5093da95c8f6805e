import type { Clock } from '../../platform/server-context';
import type { LoginLimits } from '../../platform/config';

const MAX_TRACKED_IPS = 10_000;

/**
 * Per-IP failed-login counter over a sliding window (in memory, per server
 * process): slows password spraying across many accounts from one address,
 * which the per-account lock alone does not stop.
 */
export class IpLoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: Pick<LoginLimits, 'ipMaxFailures' | 'ipWindowMs'>,
    private readonly clock: Clock,
  ) {}

  /** Seconds until `ip` may try again, or 0 if it may now. */
  retryAfterS(ip: string): number {
    const recent = this.recent(ip);
    if (recent.length < this.limits.ipMaxFailures) return 0;
    const oldest = recent[recent.length - this.limits.ipMaxFailures]!;
    return Math.max(1, Math.ceil((oldest + this.limits.ipWindowMs - this.clock.now()) / 1000));
  }

  recordFailure(ip: string): void {
    const recent = this.recent(ip);
    recent.push(this.clock.now());
    // keep only what the limit needs: memory per IP is bounded
    if (recent.length > this.limits.ipMaxFailures) recent.splice(0, recent.length - this.limits.ipMaxFailures);
    this.failures.set(ip, recent);
    if (this.failures.size > MAX_TRACKED_IPS) this.prune();
  }

  private recent(ip: string): number[] {
    const since = this.clock.now() - this.limits.ipWindowMs;
    return (this.failures.get(ip) ?? []).filter((at) => at > since);
  }

  private prune(): void {
    for (const ip of [...this.failures.keys()]) {
      if (this.recent(ip).length === 0) this.failures.delete(ip);
    }
    // still too many (a flood of distinct addresses): forget the oldest entries
    const excess = this.failures.size - MAX_TRACKED_IPS;
    if (excess > 0) for (const ip of [...this.failures.keys()].slice(0, excess)) this.failures.delete(ip);
  }
}
