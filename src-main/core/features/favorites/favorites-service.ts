/**
 * The favorites of one logged-in account in the engine (SPEC D1, D2), on top
 * of the local SQLite cache ({@link FavoritesStore}):
 *
 * - pull: GET /favorites (the whole list: it is small) at start, at every
 *   live `favorites-changed` newer than the cache and at every (re)connection;
 *   the list replaces the cache, unless local changes wait in the outbox — they
 *   win until the server took them, and the pull after the last one brings
 *   the server's list (with the other devices' changes) back;
 * - change: applied to the cache at once and queued with an Idempotency-Key
 *   in one transaction (shows offline, survives a crash), then sent strictly
 *   in order; transient failures retry with backoff and on reconnection (the
 *   key makes a resend harmless: no duplicates); a refusal for good drops the
 *   change and the next pull shows the server's truth.
 *
 * The pull/push scheduling is the {@link ChangeFeedFollower} of the directory
 * sync and the messages.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type {
  FavoriteGroup,
  FavoritesChange,
  FavoritesChangePayload,
  FavoritesChangeResponse,
  FavoritesDocument,
  FavoritesView,
} from '../../../../src-preload/contract/favorites';
import { assertNever } from '../../../../src-preload/contract/platform';
import type { ReconnectPolicyOptions } from '../../../../src-preload/contract/platform/reconnect-policy';
import { systemClock, type Clock } from '../../platform/clock';
import { ChangeFeedFollower, type PullResult } from '../../platform/sync/change-feed-follower';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';
import { applyFavoritesChange } from './apply-favorites-change';
import { FavoritesStore, type FavoritesOutboxItem } from './favorites-store';

/** What the service needs from the UC server (FavoritesApi implements it). */
export interface FavoritesTransport {
  list(): Promise<FavoritesDocument>;
  change(change: FavoritesChange, idempotencyKey: string): Promise<FavoritesChangeResponse>;
}

export interface FavoritesServiceOptions {
  db: Database;
  transport: FavoritesTransport;
  /** "origin|user": whose favorites the cache holds */
  account: string;
  clock?: Clock;
  backoff?: ReconnectPolicyOptions;
  uuid?: () => string;
  logger?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** See the file comment. One per login. */
export class FavoritesService {
  private readonly db: Database;
  private readonly store: FavoritesStore;
  private readonly transport: FavoritesTransport;
  private readonly clock: Clock;
  private readonly uuid: () => string;
  private readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  private readonly feed: ChangeFeedFollower<FavoritesOutboxItem, FavoritesChangeResponse>;
  private readonly didChange = new TypedEmitter<FavoritesView>();
  /** The favorites changed (a local change, a pull, a refusal). */
  readonly onDidChange: Event<FavoritesView> = this.didChange.event;
  /** +1 per local change or acknowledgement: a pull that crossed one is not applied */
  private generation = 0;

  constructor(options: FavoritesServiceOptions) {
    this.db = options.db;
    this.store = new FavoritesStore(options.db, options.account);
    this.transport = options.transport;
    this.clock = options.clock ?? systemClock;
    this.uuid = options.uuid ?? randomUUID;
    this.log = options.logger ?? (() => undefined);
    this.feed = new ChangeFeedFollower(
      {
        pull: () => this.pull(),
        pendingCount: () => this.store.outboxCount(),
        oldest: () => this.store.oldestOutbox(),
        send: (item) => this.transport.change(item.change, item.idempotencyKey),
        settle: (item) => this.acknowledged(item),
        refuse: (item, err) => {
          this.log('warn', `favorites: ${item.change.op} refused: ${err.message}`);
          this.acknowledged(item);
        },
        retryLater: (item, err, retryAt, delay) => {
          this.store.outboxFailed(item.id, messageOf(err), retryAt);
          this.log('info', `favorites: ${item.change.op} waits (${messageOf(err)}); retry in ${delay} ms`);
        },
        pullFailed: (err) => this.log('info', `favorites: pull failed: ${messageOf(err)}`),
      },
      { clock: this.clock, ...(options.backoff ? { backoff: options.backoff } : {}) },
    );
  }

  /** Starts: flushes the outbox and pulls. */
  start(): void {
    this.feed.startAndSync();
  }

  /** Stops timers; in-flight requests finish but change nothing. Idempotent. */
  async stop(): Promise<void> {
    await this.feed.stopAndSettle();
    this.didChange.dispose();
  }

  /** Online again → flush and pull now; offline → stop retrying. */
  setOnline(online: boolean): void {
    this.feed.setOnlineAndSync(online);
  }

  /** Pulls now or after the running pull; `version`: skip when the cache has it already. */
  requestPull(version?: number): void {
    if (!this.feed.started || this.feed.stopped) return;
    if (version !== undefined && version <= this.store.read().version && this.store.outboxCount() === 0) return;
    this.feed.requestPull();
  }

  /** Resolves when no pull and no flush runs (tests). */
  whenIdle(): Promise<void> {
    return this.feed.whenIdle();
  }

  /** The favorites as cached (offline too), with what waits for the server marked. */
  view(): FavoritesView {
    const { groups } = this.store.read();
    const pending = this.store.allOutbox();
    const touched = new Set<string>();
    for (const { change } of pending) for (const id of idsOf(change)) touched.add(id);
    return {
      pending: pending.length,
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        favorites: g.favorites.map((f) => (touched.has(f.id) || touched.has(g.id) ? { ...f, pendingSync: true } : f)),
      })),
    };
  }

  /**
   * Applies one change here at once and queues it for the server. Throws
   * FavoriteNotFoundError / FavoritesLimitError (nothing is queued then).
   */
  change(payload: FavoritesChangePayload): FavoritesView {
    if (this.feed.stopped) throw new Error('favorites: not logged in');
    const changes = this.changesOf(payload);
    const now = this.clock.now();
    this.db.transaction(() => {
      const { version, groups } = this.store.read();
      let next: FavoriteGroup[] = groups;
      for (const change of changes) next = applyFavoritesChange(next, change);
      this.store.write(version, next);
      for (const change of changes) this.store.addOutbox(this.uuid(), change, now);
    })();
    this.generation++;
    this.changed();
    if (this.feed.online) void this.feed.kickPush(true);
    return this.view();
  }

  /** The server-side changes of a payload, with the ids of what it creates. */
  private changesOf(payload: FavoritesChangePayload): FavoritesChange[] {
    switch (payload.op) {
      case 'createGroup': {
        const groupId = this.uuid();
        const { add } = payload;
        return [
          { op: 'createGroup', groupId, name: payload.name },
          ...(add ? [{ ...add, op: 'addFavorite' as const, groupId, favoriteId: this.uuid() }] : []),
        ];
      }
      case 'addFavorite':
        return [{ ...payload, favoriteId: this.uuid() }];
      default:
        return [payload];
    }
  }

  private async pull(): Promise<PullResult> {
    const generation = this.generation;
    const doc = await this.transport.list();
    if (this.feed.stopped) return 'stopped';
    // local changes win until the server took them (the pull after the last one brings its list)
    if (this.store.outboxCount() > 0) return 'caught-up';
    // a local change or acknowledgement crossed this reply: read again
    if (generation !== this.generation) return 'more';
    const current = this.store.read();
    if (current.version === doc.version && JSON.stringify(current.groups) === JSON.stringify(doc.groups))
      return 'caught-up';
    this.store.write(doc.version, doc.groups);
    this.changed();
    return 'caught-up';
  }

  private acknowledged(item: FavoritesOutboxItem): void {
    this.store.removeOutbox(item.id);
    this.generation++;
    this.changed();
    // the last one: the server's list (maybe with other devices' changes) replaces ours
    if (this.store.outboxCount() === 0) this.feed.requestPull();
  }

  private changed(): void {
    if (!this.feed.stopped) this.didChange.fire(this.view());
  }
}

/** The group and favorite ids a change touches (for the "not synced yet" marks). */
function idsOf(change: FavoritesChange): string[] {
  switch (change.op) {
    case 'createGroup':
    case 'renameGroup':
    case 'deleteGroup':
      return [change.groupId];
    case 'orderGroups':
      return [];
    case 'addFavorite':
      return [change.favoriteId];
    case 'removeFavorite':
    case 'setDefaultNumber':
      return [change.favoriteId];
    case 'orderFavorites':
      return [];
    default:
      return assertNever(change, 'unknown favorites change');
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
