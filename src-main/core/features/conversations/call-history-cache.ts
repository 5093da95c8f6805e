import type { Database } from 'better-sqlite3';
import type { CallRecord } from '../../../../src-preload/contract/calls/call-history-http';
import type { ReconnectPolicyOptions } from '../../../../src-preload/contract/platform/reconnect-policy';
import { systemClock, type Clock } from '../../platform/clock';
import { ChangeFeedFollower, type PullResult } from '../../platform/sync/change-feed-follower';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';
import type { CallHistoryTransport } from './call-history-api';
import { CallHistoryStore, type CallHistoryOutboxItem } from './call-history-store';

const MAX_PAGES = 1000;

export interface CallHistoryCacheOptions {
  db: Database;
  transport: CallHistoryTransport;
  /** `origin|user`: whose history the cache holds */
  account: string;
  clock?: Clock;
  backoff?: ReconnectPolicyOptions;
  pageLimit?: number;
  logger?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * The server's call history, cached in the account's database (issue #13; offline first, like the
 * directory): pulled with GET /calls?since= at start, at every `calls-changed` and at every
 * (re)connection; read marks and deletions are applied here at once and queued in an outbox sent in
 * order (both are idempotent on the server, so a resend after a crash is harmless). Scheduling: the
 * {@link ChangeFeedFollower} of the directory and the messages.
 */
export class CallHistoryCache {
  private readonly store: CallHistoryStore;
  private readonly transport: CallHistoryTransport;
  private readonly clock: Clock;
  private readonly pageLimit: number;
  private readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  private readonly feed: ChangeFeedFollower<CallHistoryOutboxItem, void>;
  private readonly didChange = new TypedEmitter<void>();
  /** The cached history changed (pulled, read, deleted). */
  readonly onDidChange: Event<void> = this.didChange.event;

  constructor(options: CallHistoryCacheOptions) {
    this.store = new CallHistoryStore(options.db, options.account);
    this.transport = options.transport;
    this.clock = options.clock ?? systemClock;
    this.pageLimit = options.pageLimit ?? 500;
    this.log = options.logger ?? (() => undefined);
    this.feed = new ChangeFeedFollower(
      {
        pull: () => this.pullPages(),
        pendingCount: () => this.store.outboxCount(),
        oldest: () => this.store.oldestOutbox(),
        send: async (item) => {
          if (item.kind === 'read') await this.transport.markCallsRead(item.body as { peer: string });
          else await this.transport.deleteCalls(item.body as Parameters<CallHistoryTransport['deleteCalls']>[0]);
        },
        settle: (item) => this.store.removeOutbox(item.id),
        refuse: (item, err) => {
          this.log('warn', `call history: ${item.kind} refused: ${err.message}`);
          this.store.removeOutbox(item.id);
        },
        retryLater: (item, _err, retryAt) => this.store.retryOutbox(item.id, retryAt),
        pullFailed: (err) => this.log('warn', `call history: pull failed: ${String(err)}`),
      },
      { clock: this.clock, ...(options.backoff ? { backoff: options.backoff } : {}) },
    );
  }

  start(): void {
    this.feed.startAndSync();
  }

  async stop(): Promise<void> {
    await this.feed.stopAndSettle();
    this.didChange.dispose();
  }

  setOnline(online: boolean): void {
    this.feed.setOnlineAndSync(online);
  }

  requestPull(): void {
    if (this.feed.started && !this.feed.stopped) this.feed.requestPull();
  }

  /** Waits until the running pull and push are done (tests). */
  whenIdle(): Promise<void> {
    return this.feed.whenIdle();
  }

  records(): CallRecord[] {
    return this.store.all();
  }

  markRead(peer: string): void {
    if (!this.store.markRead(peer, this.clock.now())) return;
    this.changed();
    void this.feed.kickPush(true);
  }

  delete(body: { id: number } | { peer: string } | { all: true }): void {
    this.store.delete(body, this.clock.now());
    this.changed();
    void this.feed.kickPush(true);
  }

  private async pullPages(): Promise<PullResult> {
    for (let page = 0; page < MAX_PAGES && !this.feed.stopped; page++) {
      const since = this.store.revision;
      const reply = await this.transport.calls(since, this.pageLimit);
      if (this.feed.stopped) return 'stopped';
      if (reply.revision < since) {
        // the server's history was reset: start over from its beginning
        this.store.reset();
        this.changed();
        return 'restarted';
      }
      // a local change not yet sent must not be undone by an older server state: apply it after
      const pending = this.store.outboxCount() > 0;
      this.store.applyPage(reply.calls, reply.revision);
      if (reply.calls.length > 0) this.changed();
      if (pending) void this.feed.kickPush(true);
      if (!reply.hasMore || reply.revision <= since) break;
    }
    return 'caught-up';
  }

  private changed(): void {
    if (!this.feed.stopped) this.didChange.fire();
  }
}
