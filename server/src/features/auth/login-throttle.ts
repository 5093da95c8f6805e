import type { Clock } from '../../platform/server-context';
import type { LoginLimits } from '../../platform/config';

/** Bound on each map: a flood of distinct addresses or names cannot exhaust memory. */
const MAX_TRACKED = 10_000;
/** A pair's failures are forgotten after a day without one (an old typo does not count forever). */
const PAIR_MEMORY_MS = 24 * 3600_000;

/** What the throttle says about one attempt. */
export type LoginVerdict =
  /** refuse without checking the password: 429 with Retry-After */
  | { readonly kind: 'wait'; readonly retryAfterS: number; readonly why: 'source' | 'account-source' }
  /** check the password, after `delayMs` (the account is under attack: slowed, never refused) */
  | { readonly kind: 'try'; readonly delayMs: number };

/**
 * Throttles password guesses (login, and the current password of a password
 * change) without handing an attacker a way to lock a user out:
 *
 * - per (account, source address): after `lockAfterFailures` consecutive
 *   failures that pair waits 1 s, 2 s, 4 s … (at most `maxLockMs`) — only that
 *   pair: the real user at another address is not affected; a success resets it;
 * - per source, any account: `ipMaxFailures` in `ipWindowMs` and that source
 *   waits (password spraying across accounts);
 * - per account, all sources: above `accountMaxFailures` in `accountWindowMs`
 *   (a distributed guess) every attempt at the account is slowed by
 *   `accountSlowdownMs` — but still checked, so the right password still works.
 *
 * OWASP, "Blocking Brute Force Attacks" / "Account lockout":
 * https://owasp.org/www-community/controls/Blocking_Brute_Force_Attacks
 * In memory, per server process (a restart forgets it; several servers each count their own).
 */
export class LoginThrottle {
  /** consecutive failures and the last one, per `account\0source` */
  private readonly pairs = new Map<string, { failures: number; lastAt: number }>();
  private readonly sources = new Map<string, number[]>();
  private readonly accounts = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly clock: Clock,
  ) {}

  /**
   * Whether `account` (as typed: unknown names are throttled the same way) may
   * be tried from `source` now; a `try` is counted against the pair at once, as
   * if it failed, so parallel guesses cannot all pass before the first failure
   * is known. Follow it with {@link recordFailure} or {@link recordSuccess}.
   */
  attempt(account: string, source: string): LoginVerdict {
    const verdict = this.verdict(account, source);
    if (verdict.kind === 'try') {
      const now = this.clock.now();
      const key = pairKey(account, source);
      const pair = this.pair(account, source, now);
      this.pairs.delete(key); // re-insert: the map's order is the age order pruning relies on
      this.pairs.set(key, { failures: (pair?.failures ?? 0) + 1, lastAt: now });
      pruneOldest(this.pairs);
    }
    return verdict;
  }

  /** What {@link attempt} would answer, counting nothing. */
  verdict(account: string, source: string): LoginVerdict {
    const now = this.clock.now();
    const fromSource = recent(this.sources.get(source), now, this.limits.ipWindowMs);
    if (fromSource.length >= this.limits.ipMaxFailures) {
      const oldest = fromSource[fromSource.length - this.limits.ipMaxFailures]!;
      return { kind: 'wait', retryAfterS: seconds(oldest + this.limits.ipWindowMs - now), why: 'source' };
    }
    const pair = this.pair(account, source, now);
    if (pair !== undefined) {
      const until = pair.lastAt + this.backoffMs(pair.failures);
      if (until > now) return { kind: 'wait', retryAfterS: seconds(until - now), why: 'account-source' };
    }
    const onAccount = recent(this.accounts.get(account), now, this.limits.accountWindowMs);
    return {
      kind: 'try',
      delayMs: onAccount.length >= this.limits.accountMaxFailures ? this.limits.accountSlowdownMs : 0,
    };
  }

  /** The attempt was a wrong password (the pair counted it already): the source's and the account's windows count it. */
  recordFailure(account: string, source: string): void {
    const now = this.clock.now();
    push(this.sources, source, now, this.limits.ipWindowMs, this.limits.ipMaxFailures);
    push(this.accounts, account, now, this.limits.accountWindowMs, this.limits.accountMaxFailures);
    for (const map of [this.sources, this.accounts]) pruneOldest(map);
  }

  /** The right password: this pair starts from zero (the account's and the source's windows keep counting). */
  recordSuccess(account: string, source: string): void {
    this.pairs.delete(pairKey(account, source));
  }

  private pair(account: string, source: string, now: number): { failures: number; lastAt: number } | undefined {
    const pair = this.pairs.get(pairKey(account, source));
    return pair !== undefined && now - pair.lastAt <= PAIR_MEMORY_MS ? pair : undefined;
  }

  /** How long a pair with `failures` consecutive failures waits after the last one. */
  backoffMs(failures: number): number {
    const { lockAfterFailures, baseLockMs, maxLockMs } = this.limits;
    if (failures < lockAfterFailures) return 0;
    // 2^(n-3) s: 1 s, 2 s, 4 s … capped; the exponent is capped to stay finite
    return Math.min(maxLockMs, baseLockMs * 2 ** Math.min(failures - lockAfterFailures, 40));
  }
}

function pairKey(account: string, source: string): string {
  return `${account}\0${source}`;
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function recent(times: number[] | undefined, now: number, windowMs: number): number[] {
  return (times ?? []).filter((at) => at > now - windowMs);
}

/** Appends `now` to `key`'s window, keeping only what the limit needs (memory per key is bounded). */
function push(map: Map<string, number[]>, key: string, now: number, windowMs: number, keep: number): void {
  const times = recent(map.get(key), now, windowMs);
  times.push(now);
  if (times.length > keep) times.splice(0, times.length - keep);
  map.delete(key);
  map.set(key, times);
}

/** Forgets the least recently failed keys beyond {@link MAX_TRACKED}. */
function pruneOldest(map: Map<string, unknown>): void {
  const excess = map.size - MAX_TRACKED;
  if (excess <= 0) return;
  let dropped = 0;
  for (const key of map.keys()) {
    if (dropped++ >= excess) break;
    map.delete(key);
  }
}
