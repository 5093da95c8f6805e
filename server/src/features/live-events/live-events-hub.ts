import type { LiveEvent } from '../../../../src-preload/contract/ipc-contract';
import { LIVE_EVENTS_CLOSE } from '../../../../src-preload/contract/platform';
import type { ChangeBus, ChangeNotice, SessionEndNotice } from '../../platform/change-bus';
import type { Db } from '../../platform/db/database';
import { readChangedOwners, readFeedHead } from '../directory';

/** What the hub needs of a WebSocket (the `ws` WebSocket fits). */
export interface LiveSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'close' | 'error', listener: () => void): unknown;
}

/** WebSocket.OPEN */
const OPEN = 1;

/** Options of {@link LiveEventsHub}. */
export interface LiveEventsHubOptions {
  db: Db;
  /** the server's change bus: commits to announce, signals to relay, ended sessions to close */
  changes: ChangeBus;
  /** {type:'ping'} period, so proxies keep the connection and clients notice a dead one (default 25 s) */
  pingIntervalMs?: number;
  /**
   * Period of the feed-head poll that catches changes committed by other
   * processes (the import CLI, another server on the same PostgreSQL);
   * in-process changes are pushed at once through the change bus (default 500 ms).
   */
  pollIntervalMs?: number;
  /** open sockets per account; one more closes the oldest (default 8) */
  maxSocketsPerAccount?: number;
  /**
   * The sessions (refresh-token families) among the given ones that are still
   * open, checked every `sessionSweepMs`: sessions ended by another process
   * (`reset-password` CLI, another server) close their sockets too.
   */
  openSessions?: (familyIds: readonly string[]) => Promise<Set<string>>;
  /** default 10 s */
  sessionSweepMs?: number;
}

/** One account's sockets, oldest first (a Map keeps insertion order), with the session each belongs to. */
type AccountSockets = Map<LiveSocket, string | undefined>;

/**
 * Pushes `{type:'changed', revision}` to the live connections of every
 * account that can see a committed change: a personal contact's change goes
 * to its owner only, a shared directory's change to everyone. It also relays
 * the signals other features send one account through the change bus
 * (presence, messages, voicemails), so WS /events carries every live event.
 * It closes the sockets of a session that ended (close code
 * `LIVE_EVENTS_CLOSE.sessionEnded`) and keeps at most `maxSocketsPerAccount`
 * per account (the oldest goes, `LIVE_EVENTS_CLOSE.replaced`).
 * Closed sockets are dropped as soon as they close (or fail a send).
 */
export class LiveEventsHub {
  readonly #db: Db;
  readonly #changes: ChangeBus;
  readonly #pingIntervalMs: number;
  readonly #pollIntervalMs: number;
  readonly #maxSocketsPerAccount: number;
  readonly #openSessions: ((familyIds: readonly string[]) => Promise<Set<string>>) | undefined;
  readonly #sessionSweepMs: number;
  readonly #sockets = new Map<number, AccountSockets>();
  /** highest revision announced per visibility (null = shared) */
  readonly #announced = new Map<number | null, number>();
  #unsubscribe: (() => void)[] = [];
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #sweepTimer: ReturnType<typeof setTimeout> | undefined;
  #polledHead = 0;
  #stopped = false;

  constructor(options: LiveEventsHubOptions) {
    this.#db = options.db;
    this.#changes = options.changes;
    this.#pingIntervalMs = options.pingIntervalMs ?? 25_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 500;
    this.#maxSocketsPerAccount = options.maxSocketsPerAccount ?? 8;
    this.#openSessions = options.openSessions;
    this.#sessionSweepMs = options.sessionSweepMs ?? 10_000;
  }

  /** Subscribes to the change bus and starts the ping, poll and session-sweep timers. */
  async start(): Promise<void> {
    this.#polledHead = await readFeedHead(this.#db);
    this.#unsubscribe = [
      this.#changes.onDidCommit((notice) => this.#announce(notice)),
      this.#changes.onDidSignal((accountId, event) => this.#broadcast(accountId, event)),
      this.#changes.onDidBroadcast((event, except) => this.#broadcast(undefined, event, except)),
      this.#changes.onDidEndSessions((notice) => this.#endSessions(notice)),
    ];
    this.#pingTimer = setInterval(() => this.#broadcast(undefined, { type: 'ping' }), this.#pingIntervalMs);
    this.#pingTimer.unref();
    this.#schedulePoll();
    this.#scheduleSweep();
  }

  /** Stops the timers and closes every connection (server shutdown). */
  stop(): void {
    this.#stopped = true;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pollTimer);
    clearTimeout(this.#sweepTimer);
    for (const sockets of this.#sockets.values())
      for (const socket of sockets.keys()) socket.close(1001, 'server shutting down');
    this.#sockets.clear();
  }

  /**
   * Registers the connection of an authenticated account and its session
   * (refresh-token family). Beyond the per-account cap the OLDEST socket is
   * closed rather than the new one refused: sockets of a crashed client or a
   * dropped network stay "open" here until TCP gives up, and refusing new ones
   * would lock the user out of live events meanwhile.
   */
  add(accountId: number, socket: LiveSocket, familyId?: string): void {
    let sockets = this.#sockets.get(accountId);
    if (sockets === undefined) {
      sockets = new Map();
      this.#sockets.set(accountId, sockets);
    }
    for (const oldest of [...sockets.keys()].slice(0, Math.max(0, sockets.size - this.#maxSocketsPerAccount + 1))) {
      sockets.delete(oldest);
      oldest.close(LIVE_EVENTS_CLOSE.replaced, 'too many connections for this account: replaced by a newer one');
    }
    sockets.set(socket, familyId);
    const remove = (): void => this.#remove(accountId, socket);
    socket.on('close', remove);
    socket.on('error', remove);
  }

  /** Number of open connections (tests, diagnostics). */
  get connectionCount(): number {
    let count = 0;
    for (const sockets of this.#sockets.values()) count += sockets.size;
    return count;
  }

  #remove(accountId: number, socket: LiveSocket): void {
    const sockets = this.#sockets.get(accountId);
    if (sockets === undefined) return;
    sockets.delete(socket);
    if (sockets.size === 0) this.#sockets.delete(accountId);
  }

  #endSessions(notice: SessionEndNotice): void {
    const sockets = this.#sockets.get(notice.accountId);
    if (sockets === undefined) return;
    for (const [socket, familyId] of [...sockets]) {
      if (notice.familyId !== undefined && familyId !== notice.familyId) continue;
      this.#remove(notice.accountId, socket);
      socket.close(LIVE_EVENTS_CLOSE.sessionEnded, `session ended: ${notice.reason}`);
    }
  }

  #announce(notice: ChangeNotice): void {
    const previous = this.#announced.get(notice.ownerAccountId) ?? 0;
    if (notice.revision <= previous) return;
    this.#announced.set(notice.ownerAccountId, notice.revision);
    this.#broadcast(notice.ownerAccountId ?? undefined, { type: 'changed', revision: notice.revision });
  }

  /** To one account's connections, or to all when `accountId` is undefined (but `except`'s). */
  #broadcast(accountId: number | undefined, event: LiveEvent, except?: number): void {
    const frame = JSON.stringify(event);
    const targets =
      accountId === undefined
        ? [...this.#sockets.entries()]
        : [[accountId, this.#sockets.get(accountId) ?? (new Map() as AccountSockets)] as const];
    for (const [owner, sockets] of targets) {
      if (owner === except) continue;
      for (const socket of [...sockets.keys()]) {
        if (socket.readyState !== OPEN) {
          this.#remove(owner, socket);
          continue;
        }
        try {
          socket.send(frame);
        } catch {
          this.#remove(owner, socket);
        }
      }
    }
  }

  #schedulePoll(): void {
    if (this.#stopped) return;
    this.#pollTimer = setTimeout(() => {
      this.#poll()
        .catch((error: unknown) => console.error('live events: feed poll failed:', error))
        .finally(() => this.#schedulePoll());
    }, this.#pollIntervalMs);
    this.#pollTimer.unref();
  }

  /** Announces changes other processes committed since the last poll. */
  async #poll(): Promise<void> {
    const since = this.#polledHead;
    const head = await readFeedHead(this.#db);
    if (head <= since) return;
    const owners = await readChangedOwners(this.#db, since, head);
    this.#polledHead = head;
    if (this.#stopped) return;
    for (const owner of owners) this.#announce(owner);
  }

  #scheduleSweep(): void {
    const openSessions = this.#openSessions;
    if (this.#stopped || openSessions === undefined) return;
    this.#sweepTimer = setTimeout(() => {
      this.#sweep(openSessions)
        .catch((error: unknown) => console.error('live events: session sweep failed:', error))
        .finally(() => this.#scheduleSweep());
    }, this.#sessionSweepMs);
    this.#sweepTimer.unref();
  }

  /** Closes the sockets whose session was ended by another process. */
  async #sweep(openSessions: (familyIds: readonly string[]) => Promise<Set<string>>): Promise<void> {
    const families = new Set<string>();
    for (const sockets of this.#sockets.values())
      for (const familyId of sockets.values()) if (familyId !== undefined) families.add(familyId);
    if (families.size === 0) return;
    const open = await openSessions([...families]);
    if (this.#stopped) return;
    for (const [accountId, sockets] of [...this.#sockets])
      for (const [socket, familyId] of [...sockets])
        if (familyId !== undefined && !open.has(familyId)) {
          this.#remove(accountId, socket);
          socket.close(LIVE_EVENTS_CLOSE.sessionEnded, 'session ended');
        }
  }
}
