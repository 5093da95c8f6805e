import {
  ReconnectPolicy,
  type ReconnectPolicyOptions,
} from '../../../../src-preload/contract/platform/reconnect-policy';
import type { Clock, TimerHandle } from '../clock';
import { UcClientError } from '../uc/uc-client-error';

/** How one pull (a run of pages of a change feed) ended. */
export type PullResult =
  /** read up to the feed's head: the retry backoff starts over */
  | 'caught-up'
  /** stopped at the page budget with more to read: pull again at once (backoff starts over) */
  | 'more'
  /** the feed restarted below our cursor (server reset): pull again from the new cursor, backoff kept */
  | 'restarted'
  /** the follower was stopped meanwhile */
  | 'stopped';

/** The local queue of changes made on this device, oldest first. */
export interface OutboxItem {
  /** epoch ms before which a failed item is not sent again (0: now) */
  readonly nextAttemptAt: number;
}

/** What a service that follows a change feed tells the follower. See {@link ChangeFeedFollower}. */
export interface ChangeFeedDriver<Item extends OutboxItem, Reply> {
  /** Reads pages from the stored cursor and applies them; throws when a request fails. */
  pull(): Promise<PullResult>;
  /** Items waiting in the outbox. */
  pendingCount(): number;
  /** The oldest waiting item, if any. */
  oldest(): Item | undefined;
  /** Sends one item; throws a {@link UcClientError} (or anything) when it fails. */
  send(item: Item): Promise<Reply>;
  /** The server took the item: apply its reply and remove the item. */
  settle(item: Item, reply: Reply): void;
  /** The server refused the item for good (a non-transient error): drop it; the next one goes on. */
  refuse(item: Item, error: UcClientError): void;
  /** The item failed for now: keep it until `retryAt` (and say so in the log). */
  retryLater(item: Item, error: unknown, retryAt: number, delayMs: number): void;
  /** The wait before a retry (default: the backoff's); e.g. at least a 429's Retry-After. */
  retryDelay?(error: unknown, backoffMs: number): number;
  /** A pull failed (it is retried after a backoff while online): log it. */
  pullFailed(error: unknown): void;
  /** A pull or an outbox flush started or ended (the caller's "syncing" state). */
  activityChanged?(): void;
}

export interface ChangeFeedFollowerOptions {
  clock: Clock;
  /** backoff between retries of a failed pull or outbox item (default: 0.5 s base, 30 s cap, full jitter) */
  backoff?: ReconnectPolicyOptions;
}

/**
 * Follows one of the UC server's change feeds and sends a local outbox, the
 * scheduling shared by the directory sync and the instant messages:
 *
 * - pull: one at a time; a request during a pull runs one more right after
 *   (coalesced); a failed pull is retried after a jittered backoff while
 *   online (coming back online pulls anyway);
 * - push: items strictly in order, each at most once at a time; a transient
 *   failure keeps the item and retries it after a backoff while online; a
 *   refusal for good drops it and goes on with the next; an item queued while
 *   a flush was finishing is picked up right after it; every loop is bounded.
 *
 * The driver does the I/O and the storage; the service decides when to
 * pull, push and change `online`, in its own order.
 */
export class ChangeFeedFollower<Item extends OutboxItem, Reply> {
  private readonly clock: Clock;
  private readonly pullPolicy: ReconnectPolicy;
  private readonly pushPolicy: ReconnectPolicy;
  private isOnline = true;
  private isStarted = false;
  private isStopped = false;
  private pulling: Promise<void> | undefined;
  private pullAgain = false;
  private pullTimer: TimerHandle | undefined;
  private pushing: Promise<void> | undefined;
  private pushTimer: TimerHandle | undefined;

  constructor(
    private readonly driver: ChangeFeedDriver<Item, Reply>,
    options: ChangeFeedFollowerOptions,
  ) {
    this.clock = options.clock;
    this.pullPolicy = new ReconnectPolicy(options.backoff);
    this.pushPolicy = new ReconnectPolicy(options.backoff);
  }

  get online(): boolean {
    return this.isOnline;
  }

  get started(): boolean {
    return this.isStarted;
  }

  get stopped(): boolean {
    return this.isStopped;
  }

  /** A pull is running. */
  get isPulling(): boolean {
    return this.pulling !== undefined;
  }

  /** A pull or an outbox flush is running. */
  get busy(): boolean {
    return this.pulling !== undefined || this.pushing !== undefined;
  }

  /** Marks it started; false when it already was, or was stopped. */
  start(): boolean {
    if (this.isStarted || this.isStopped) return false;
    this.isStarted = true;
    return true;
  }

  /** Stops the timers; whatever runs finishes without effect (the driver checks {@link stopped}). Idempotent. */
  stop(): void {
    this.isStopped = true;
    this.clock.clearTimeout(this.pullTimer);
    this.clock.clearTimeout(this.pushTimer);
    this.pullTimer = undefined;
    this.pushTimer = undefined;
  }

  /** Resolves when the running pull and flush are over (they change nothing once stopped). */
  async settled(): Promise<void> {
    await Promise.allSettled([this.pulling, this.pushing]);
  }

  /** Resolves when no pull and no flush is running (tests, bench). */
  async whenIdle(): Promise<void> {
    for (let i = 0; i < 1000 && this.busy; i++) {
      await Promise.allSettled([this.pulling, this.pushing]);
    }
  }

  /** Sets the connection state; true when it changed (the caller then pulls and pushes in its order). */
  setOnline(online: boolean): boolean {
    if (online === this.isOnline) return false;
    this.isOnline = online;
    return true;
  }

  /**
   * Starts and syncs at once: flushes the outbox (skipping any retry wait) and pulls. Nothing
   * when it already was started, or was stopped. The usual start of a service over one feed.
   */
  startAndSync(): void {
    if (!this.start()) return;
    void this.kickPush(true);
    this.requestPull();
  }

  /** Stops (see {@link stop}) and resolves when the running pull and flush are over. */
  async stopAndSettle(): Promise<void> {
    this.stop();
    await this.settled();
  }

  /**
   * Sets the connection state; back online, the backoff restarts and the outbox is flushed and a
   * pull runs now (not after the retry wait); offline, nothing is retried until then.
   */
  setOnlineAndSync(online: boolean): void {
    if (!this.setOnline(online) || !online) return;
    this.resetBackoff();
    void this.kickPush(true);
    this.requestPull();
  }

  /** Back online: the next failure waits the shortest backoff again. */
  resetBackoff(): void {
    this.pullPolicy.reset();
    this.pushPolicy.reset();
  }

  /** Cancels the pending retries (their work is about to be started now). */
  clearRetryTimers(): void {
    this.clock.clearTimeout(this.pullTimer);
    this.clock.clearTimeout(this.pushTimer);
  }

  // ------------------------------------------------------------ pull

  /** Pulls now, or right after the running pull. */
  requestPull(): void {
    if (!this.isStarted || this.isStopped) return;
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.clock.clearTimeout(this.pullTimer);
    this.pullTimer = undefined;
    this.pulling = this.pullLoop().finally(() => {
      this.pulling = undefined;
      if (this.isStopped) return;
      this.driver.activityChanged?.();
      if (this.pullAgain) {
        this.pullAgain = false;
        this.requestPull();
      }
    });
    this.driver.activityChanged?.();
  }

  private async pullLoop(): Promise<void> {
    try {
      const result = await this.driver.pull();
      if (result === 'more' || result === 'restarted') this.pullAgain = true;
      if (result === 'caught-up' || result === 'more') this.pullPolicy.reset();
    } catch (err) {
      if (this.isStopped) return;
      this.driver.pullFailed(err);
      if (!this.isOnline) return; // coming back online triggers a pull
      const delay = this.pullPolicy.nextDelayMs();
      this.pullTimer = this.clock.setTimeout(() => {
        this.pullTimer = undefined;
        this.requestPull();
      }, delay);
    }
  }

  // ------------------------------------------------------------ push

  /**
   * Starts flushing the outbox unless a flush runs (returns it) or waits for
   * its retry timer (`now`: skip the wait). Resolves when the flush is over.
   */
  kickPush(now = false): Promise<void> {
    if (!this.isStarted || this.isStopped) return Promise.resolve();
    if (this.pushing) return this.pushing;
    if (this.pushTimer !== undefined) {
      if (!now) return Promise.resolve();
      this.clock.clearTimeout(this.pushTimer);
      this.pushTimer = undefined;
    }
    this.pushing = this.pushLoop(now).finally(() => {
      this.pushing = undefined;
      if (this.isStopped) return;
      this.driver.activityChanged?.();
      // An item queued while this loop was finishing found it running and did not start another:
      // pick it up now, unless a retry is already scheduled or we are offline.
      if (this.pushTimer === undefined && this.isOnline && this.driver.pendingCount() > 0) void this.kickPush();
    });
    this.driver.activityChanged?.();
    return this.pushing;
  }

  private async pushLoop(ignoreSchedule: boolean): Promise<void> {
    // Bounded: each pass removes an item or stops; items queued later get the next kick.
    const budget = this.driver.pendingCount() + 1;
    for (let i = 0; i < budget && !this.isStopped; i++) {
      const item = this.driver.oldest();
      if (!item) return;
      const wait = item.nextAttemptAt - this.clock.now();
      if (wait > 0 && !ignoreSchedule) {
        this.schedulePush(wait);
        return;
      }
      ignoreSchedule = false;
      try {
        const reply = await this.driver.send(item);
        if (this.isStopped) return;
        this.pushPolicy.reset();
        this.driver.settle(item, reply);
      } catch (err) {
        if (this.isStopped) return;
        if (err instanceof UcClientError && !err.transient) {
          this.driver.refuse(item, err);
          continue;
        }
        const backoff = this.pushPolicy.nextDelayMs();
        const delay = this.driver.retryDelay ? this.driver.retryDelay(err, backoff) : backoff;
        this.driver.retryLater(item, err, this.clock.now() + delay, delay);
        if (this.isOnline) this.schedulePush(delay);
        return;
      }
    }
  }

  private schedulePush(delay: number): void {
    this.clock.clearTimeout(this.pushTimer);
    this.pushTimer = this.clock.setTimeout(() => {
      this.pushTimer = undefined;
      void this.kickPush(true);
    }, delay);
  }
}
