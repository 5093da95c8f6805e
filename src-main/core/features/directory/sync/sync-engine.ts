import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type {
  ContactFieldsInput,
  DirectoryEntryView,
  SyncState,
} from '../../../../../src-preload/contract/ipc-contract';
import {
  changeSchema,
  type Change,
  type ChangesResponse,
  type ContactMutationResponse,
  type DirectoryEntry,
} from '../../../../../src-preload/contract/directory/directory-http';
import type { ReconnectPolicyOptions } from '../../../../../src-preload/contract/platform/reconnect-policy';
import { ChangeFeedFollower, type PullResult } from '../../../platform/sync/change-feed-follower';
import type { UcClientError } from '../../../platform/uc/uc-client-error';
import { assertNever } from '../../../../../src-preload/contract/platform/assert-never';
import { systemClock, type Clock } from '../../../platform/clock';
import { TypedEmitter, type Event } from '../../../platform/typed-emitter';
import { buildPersonalEntry, changedFields, cleanContactFields, toDirectoryEntry } from '../contacts/contact-entry';
import { OutboxStore, type OutboxItem } from './outbox-store';
import type { SyncCache, SyncTransport } from './sync-ports';

export interface SyncEngineOptions {
  /** the local database (same connection as the cache) */
  db: Database;
  cache: SyncCache;
  transport: SyncTransport;
  /** "server|user" whose data the cache holds; another value empties the cache first */
  account: string;
  clock?: Clock;
  /**
   * page size of GET /changes (default 5000 = the server's maximum). One page is
   * one SQLite transaction (~0.3 s of main-thread work for 5000 entries on a slow
   * machine, only during a large first sync); bigger pages cut per-request
   * overhead: 100 000 entries took 20 s with pages of 1000 and 11 s with 5000 on
   * the loaded 2-core CI box (tests/bench/sync-bench.ts).
   */
  pageLimit?: number;
  /** most pages one pull reads before yielding (default 10 000; bounds every loop) */
  maxPagesPerPull?: number;
  /** backoff between retries of a failed pull or outbox item (default: 0.5 s base, 30 s cap, full jitter) */
  backoff?: ReconnectPolicyOptions;
  /** seam for tests */
  uuid?: () => string;
  logger?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Thrown by the local edit methods for a contact that is not a cached personal contact. */
export class ContactNotFoundError extends Error {
  constructor(id: string) {
    super(`no personal contact ${id.slice(0, 200)}`);
    this.name = 'ContactNotFoundError';
  }
}

/**
 * Keeps the local directory cache in step with the UC server (SPEC K).
 *
 * Pull: from the cache's revision at {@link start}, on every {@link requestPull}
 * (a live `changed` event; coalesced: one pull runs at a time and one more
 * follows if asked meanwhile) and when the connection comes back. Pages of
 * GET /changes are applied one transaction each (changes + revision
 * together), so a crash between pages resumes from the last page applied.
 *
 * Push: a local edit writes the cache entry (pendingSync) and an outbox item
 * in ONE transaction. Items are sent strictly in order, each with the
 * Idempotency-Key chosen when it was queued, so a resend after a crash or a
 * lost reply is applied once by the server. 2xx → the item is removed and the
 * server's version applied, in one transaction. Transient failure (no reply,
 * 5xx, 401 after refresh, 408, 429, malformed reply) → retried after a
 * jittered backoff, forever. Any other 4xx → the server refused it for good:
 * the item (and later items of the same contact, which depend on it) move to
 * `outbox_rejected` with the reason, and the contact goes back to its state
 * before the change.
 *
 * Conflicts: server authoritative. While a contact has items in the outbox,
 * server changes to it are kept aside (`sync_deferred`) and the local state
 * is shown; once its last item is acknowledged, the newer of the
 * acknowledgement and the deferred change wins.
 *
 * Status: `offline` while {@link setOnline}(false), else `syncing` during a
 * pull or an outbox flush, else `idle`.
 *
 * The pull/push scheduling (coalescing, retries, bounded loops) is the
 * {@link ChangeFeedFollower} the message service uses too.
 */
export class SyncEngine {
  private readonly db: Database;
  private readonly cache: SyncCache;
  private readonly transport: SyncTransport;
  private readonly account: string;
  private readonly clock: Clock;
  private readonly pageLimit: number;
  private readonly maxPages: number;
  private readonly uuid: () => string;
  private readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  private readonly outbox: OutboxStore;
  private readonly feed: ChangeFeedFollower<OutboxItem, ContactMutationResponse>;
  private readonly getStateStmt: Statement<[string], { value: string }>;
  private readonly setStateStmt: Statement<[string, string]>;
  private readonly getDeferredStmt: Statement<[string], { revision: number; change: string }>;
  private readonly putDeferredStmt: Statement<[string, number, string]>;
  private readonly deleteDeferredStmt: Statement<[string]>;
  private readonly deleteAllDeferredStmt: Statement<[]>;

  private lastSyncedAt: number | undefined;
  private lastState: SyncState | undefined;

  private readonly didChange = new TypedEmitter<SyncState>();
  private readonly didChangeEntries = new TypedEmitter<void>();
  /** Fires when the sync state (status, pending, revision, lastSyncedAt) changed. */
  readonly onDidChange: Event<SyncState> = this.didChange.event;
  /** Fires after cached entries changed (pulled changes, local edits, acknowledgements, reverts). */
  readonly onDidChangeEntries: Event<void> = this.didChangeEntries.event;

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.cache = options.cache;
    this.transport = options.transport;
    this.account = options.account;
    this.clock = options.clock ?? systemClock;
    this.pageLimit = options.pageLimit ?? 5000;
    this.maxPages = options.maxPagesPerPull ?? 10_000;
    this.uuid = options.uuid ?? randomUUID;
    this.log = options.logger ?? (() => undefined);
    this.outbox = new OutboxStore(this.db);
    this.feed = new ChangeFeedFollower(
      {
        pull: () => this.pullPages(),
        pendingCount: () => this.outbox.count(this.account),
        oldest: () => this.outbox.oldest(this.account),
        send: (item) => this.send(item),
        settle: (item, ack) => this.acknowledge(item, ack),
        refuse: (item, err) => this.rejectItem(item, err),
        retryLater: (item, err, retryAt, delay) => {
          this.outbox.markFailed(item.id, messageOf(err), retryAt);
          this.log('warn', `sync: ${item.op} ${item.entityId} failed (${messageOf(err)}); retry in ${delay} ms`);
        },
        pullFailed: (err) => this.log('warn', `sync: pull failed: ${messageOf(err)}`),
        activityChanged: () => this.emitState(),
      },
      { clock: this.clock, ...(options.backoff ? { backoff: options.backoff } : {}) },
    );
    this.getStateStmt = this.db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
    this.setStateStmt = this.db.prepare<[string, string]>(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.getDeferredStmt = this.db.prepare<[string], { revision: number; change: string }>(
      'SELECT revision, change FROM sync_deferred WHERE entity_id = ?',
    );
    this.putDeferredStmt = this.db.prepare<[string, number, string]>(
      `INSERT INTO sync_deferred (entity_id, revision, change) VALUES (?, ?, ?)
       ON CONFLICT (entity_id) DO UPDATE SET revision = excluded.revision, change = excluded.change
       WHERE excluded.revision > sync_deferred.revision`,
    );
    this.deleteDeferredStmt = this.db.prepare<[string]>('DELETE FROM sync_deferred WHERE entity_id = ?');
    this.deleteAllDeferredStmt = this.db.prepare<[]>('DELETE FROM sync_deferred');

    // The cache holds one account's data: another account starts from empty.
    this.db.transaction(() => {
      const owner = this.readState<string>('account');
      if (owner !== this.account) {
        if (owner !== undefined) {
          this.cache.reset();
          // Local edits of other accounts wait in the outbox for their owner; hide them.
          const others = this.db
            .prepare<[string], { entity_id: string }>('SELECT DISTINCT entity_id FROM outbox WHERE account <> ?')
            .all(this.account);
          for (const row of others) this.cache.deleteLocal(row.entity_id);
          this.deleteAllDeferredStmt.run();
          this.log('info', 'sync: another account logged in; the directory cache starts from empty');
        }
        this.writeState('account', this.account);
        this.writeState('last_synced_at', null);
      }
    })();
    this.lastSyncedAt = this.readState<number | null>('last_synced_at') ?? undefined;
  }

  /** The current sync state. */
  get state(): SyncState {
    const status: SyncState['status'] = !this.feed.online ? 'offline' : this.feed.busy ? 'syncing' : 'idle';
    const state: SyncState = { status, pending: this.outbox.count(this.account), revision: this.cache.revision };
    if (this.lastSyncedAt !== undefined) state.lastSyncedAt = this.lastSyncedAt;
    return state;
  }

  /** Pulls from the cache's revision and sends the outbox. Idempotent. */
  start(): void {
    if (!this.feed.start()) return;
    this.requestPull();
    void this.feed.kickPush();
    this.emitState();
  }

  /**
   * Stops timers. A request in flight is not waited for: whatever it returns
   * is ignored and nothing more is written (an acknowledged item left in the
   * outbox is resent with its Idempotency-Key next time: harmless). Idempotent.
   */
  async stop(): Promise<void> {
    this.feed.stop();
    this.didChange.dispose();
    this.didChangeEntries.dispose();
  }

  /** The connection to the server came back (true) or was lost (false). */
  setOnline(online: boolean): void {
    if (!this.feed.setOnline(online)) return;
    if (online && this.feed.started && !this.feed.stopped) {
      this.feed.resetBackoff();
      this.feed.clearRetryTimers();
      this.requestPull();
      void this.feed.kickPush(true);
    }
    this.emitState();
  }

  /**
   * Asks for a pull (e.g. a live `changed` event up to `revision`). Skipped
   * when the cache already has that revision; coalesced with a running pull.
   */
  requestPull(revision?: number): void {
    if (!this.feed.started || this.feed.stopped) return;
    if (revision !== undefined && revision <= this.cache.revision) return;
    this.feed.requestPull();
  }

  /** Resolves when no pull and no outbox flush is running (tests, bench). */
  whenIdle(): Promise<void> {
    return this.feed.whenIdle();
  }

  // ------------------------------------------------------------ local edits

  /**
   * Creates a personal contact locally and queues it for the server.
   * @throws InvalidContactError for a bad number or e-mail (nothing stored)
   */
  createContact(input: ContactFieldsInput): DirectoryEntryView {
    const fields = cleanContactFields(input);
    const uuid = this.uuid();
    const id = `personal:${uuid}`;
    const now = this.clock.now();
    const entry = buildPersonalEntry(id, undefined, fields, now);
    this.db.transaction(() => {
      this.cache.upsertLocal(entry);
      this.outbox.add(
        { account: this.account, idempotencyKey: this.uuid(), op: 'create', entityId: id, fields, previous: undefined },
        now,
      );
    })();
    this.afterLocalEdit();
    return { ...entry, pendingSync: true };
  }

  /**
   * Changes fields of a personal contact; only the fields that differ are sent.
   * @throws ContactNotFoundError, InvalidContactError
   */
  updateContact(id: string, input: ContactFieldsInput): DirectoryEntryView {
    const fields = cleanContactFields(input);
    const now = this.clock.now();
    let result: DirectoryEntryView | undefined;
    this.db.transaction(() => {
      const current = this.personal(id);
      const changed = changedFields(current, fields);
      if (Object.keys(changed).length === 0) {
        result = current;
        return;
      }
      const entry = buildPersonalEntry(id, current, changed, now);
      this.cache.upsertLocal(entry);
      this.outbox.add(
        {
          account: this.account,
          idempotencyKey: this.uuid(),
          op: 'patch',
          entityId: id,
          fields: changed,
          previous: toDirectoryEntry(current),
        },
        now,
      );
      result = { ...entry, pendingSync: true };
    })();
    if (result?.pendingSync) this.afterLocalEdit();
    return result!;
  }

  /**
   * Deletes a personal contact locally and queues the deletion.
   * @throws ContactNotFoundError
   */
  deleteContact(id: string): void {
    const now = this.clock.now();
    this.db.transaction(() => {
      const current = this.personal(id);
      this.cache.deleteLocal(id);
      this.outbox.add(
        {
          account: this.account,
          idempotencyKey: this.uuid(),
          op: 'delete',
          entityId: id,
          fields: undefined,
          previous: toDirectoryEntry(current),
        },
        now,
      );
    })();
    this.afterLocalEdit();
  }

  private personal(id: string): DirectoryEntryView {
    const current = this.cache.get(id);
    if (!current || current.source !== 'personal') throw new ContactNotFoundError(id);
    return current;
  }

  private afterLocalEdit(): void {
    this.didChangeEntries.fire();
    this.emitState();
    void this.feed.kickPush(true);
  }

  // ------------------------------------------------------------ pull

  /** One pull: pages of GET /changes from the cache's revision, each applied in one transaction. */
  private async pullPages(): Promise<PullResult> {
    let since = this.cache.revision;
    let next: Promise<ChangesResponse> = this.transport.changes(since, this.pageLimit);
    let result: PullResult = 'caught-up';
    for (let page = 0; page < this.maxPages; page++) {
      const reply = await next;
      if (this.feed.stopped) return 'stopped';
      if (reply.revision < since) {
        // The feed's head is below our revision: the server's database was reset. Start over from 0
        // (local edits still in the outbox stay in the cache and are sent again).
        this.log('warn', `sync: the server's feed restarted (head ${reply.revision} < ${since}); full resync`);
        this.db.transaction(() => {
          this.cache.reset();
          this.deleteAllDeferredStmt.run();
        })();
        this.didChangeEntries.fire();
        return 'restarted';
      }
      const more = reply.hasMore && reply.revision > since;
      // Ask for the next page before applying this one: the server and the network work while
      // SQLite writes. A server that says "more" without moving forward would spin: stop there.
      if (more && page < this.maxPages - 1) {
        next = this.transport.changes(reply.revision, this.pageLimit);
        next.catch(() => undefined); // handled when awaited; never unhandled if we stop first
      }
      const changed = this.applyPage(reply.changes, Math.max(since, reply.revision));
      if (changed) this.didChangeEntries.fire();
      this.emitState();
      since = Math.max(since, reply.revision);
      if (!more) break;
      if (page === this.maxPages - 1) result = 'more';
    }
    this.lastSyncedAt = this.clock.now();
    this.writeState('last_synced_at', this.lastSyncedAt);
    return result;
  }

  /** Applies one page in one transaction; returns whether any entry changed. */
  private applyPage(changes: readonly Change[], revision: number): boolean {
    if (changes.length === 0 && revision === this.cache.revision) return false;
    this.db.transaction(() => {
      const pending = this.outbox.pendingEntities(this.account);
      const apply: Change[] = [];
      for (const change of changes) {
        if (pending.has(change.id)) {
          this.putDeferredStmt.run(change.id, change.revision, JSON.stringify(change));
        } else {
          apply.push(change);
        }
      }
      this.cache.applyChanges(apply, revision);
    })();
    return changes.length > 0;
  }

  // ------------------------------------------------------------ push (scheduled by the follower)

  private send(item: OutboxItem): Promise<ContactMutationResponse> {
    switch (item.op) {
      case 'create':
        return this.transport.createContact(
          { id: item.entityId.replace(/^personal:/, ''), fields: item.fields ?? {} },
          item.idempotencyKey,
        );
      case 'patch':
        return this.transport.patchContact(item.entityId, { fields: item.fields ?? {} }, item.idempotencyKey);
      case 'delete':
        return this.transport.deleteContact(item.entityId, item.idempotencyKey);
      default:
        return assertNever(item.op, 'unknown outbox op');
    }
  }

  /** The server applied `item`: remove it and, if it was the contact's last one, show the server's version. */
  private acknowledge(item: OutboxItem, ack: ContactMutationResponse): void {
    this.db.transaction(() => {
      this.outbox.remove(item.id);
      if (this.outbox.hasPending(this.account, item.entityId)) return;
      const acked: Change =
        item.op === 'delete' || !ack.entry
          ? { revision: Math.max(1, ack.revision), op: 'delete', id: item.entityId }
          : { revision: Math.max(1, ack.revision), op: 'upsert', id: item.entityId, entry: ack.entry };
      this.settle(item.entityId, acked);
    })();
    this.didChangeEntries.fire();
    this.emitState();
  }

  /** The server refused `item` for good: drop it and the later items of the same contact, restore the contact. */
  private rejectItem(item: OutboxItem, err: UcClientError): void {
    const now = this.clock.now();
    this.log('error', `sync: the server refused ${item.op} ${item.entityId}: ${err.message}`);
    this.db.transaction(() => {
      const later = this.outbox.laterForEntity(item);
      this.outbox.reject(item, err.status, err.message, now);
      for (const dependent of later) {
        this.outbox.reject(dependent, undefined, `dropped: an earlier change of this contact was refused`, now);
      }
      const restored: Change = item.previous
        ? { revision: 1, op: 'upsert', id: item.entityId, entry: item.previous }
        : { revision: 1, op: 'delete', id: item.entityId };
      this.settle(item.entityId, restored, true);
    })();
    this.didChangeEntries.fire();
    this.emitState();
  }

  /**
   * Puts the server's view of an entity without pending items in the cache:
   * `candidate`, or the deferred feed change if that one is newer. Runs
   * inside the caller's transaction; keeps the cache revision.
   */
  private settle(id: string, candidate: Change, candidateIsLocal = false): void {
    const deferredRow = this.getDeferredStmt.get(id);
    this.deleteDeferredStmt.run(id);
    let winner = candidate;
    if (deferredRow) {
      const parsed = changeSchema.safeParse(JSON.parse(deferredRow.change));
      if (parsed.success && (candidateIsLocal || parsed.data.revision > candidate.revision)) winner = parsed.data;
    }
    if (winner.op === 'delete' || !winner.entry) {
      if (this.cache.get(id)) this.cache.deleteLocal(id);
    } else if (winner.entry.source === 'personal') {
      this.cache.upsertLocal(winner.entry satisfies DirectoryEntry);
      this.cache.setPendingSync(id, false);
    } else {
      this.log('warn', `sync: ignored a non-personal entry ${id} in a contact acknowledgement`);
    }
  }

  // ------------------------------------------------------------ state

  private emitState(): void {
    if (this.feed.stopped) return;
    const state = this.state;
    const last = this.lastState;
    if (
      last &&
      last.status === state.status &&
      last.pending === state.pending &&
      last.revision === state.revision &&
      last.lastSyncedAt === state.lastSyncedAt
    ) {
      return;
    }
    this.lastState = state;
    this.didChange.fire(state);
  }

  private readState<T>(key: string): T | undefined {
    const row = this.getStateStmt.get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  private writeState(key: string, value: unknown): void {
    this.setStateStmt.run(key, JSON.stringify(value));
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
