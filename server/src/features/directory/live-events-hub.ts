import type { LiveEvent } from '../../../../src-preload/contract/ipc-contract';
import type { ChangeBus, ChangeNotice } from '../../platform/change-bus';
import type { Db } from '../../platform/db/database';

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
  /** the server's change bus: commits to announce, signals to relay */
  changes: ChangeBus;
  /** {type:'ping'} period, so proxies keep the connection and clients notice a dead one (default 25 s) */
  pingIntervalMs?: number;
  /**
   * Period of the feed-head poll that catches changes committed by other
   * processes (the import CLI, another server on the same PostgreSQL);
   * in-process changes are pushed at once through the change bus (default 500 ms).
   */
  pollIntervalMs?: number;
}

/**
 * Pushes `{type:'changed', revision}` to the live connections of every
 * account that can see a committed change: a personal contact's change goes
 * to its owner only, a shared directory's change to everyone. It also relays
 * the signals other features send one account through the change bus
 * (presence, messages, voicemails), so WS /events carries every live event.
 * Closed sockets are dropped as soon as they close (or fail a send).
 */
export class LiveEventsHub {
  readonly #db: Db;
  readonly #changes: ChangeBus;
  readonly #pingIntervalMs: number;
  readonly #pollIntervalMs: number;
  readonly #sockets = new Map<number, Set<LiveSocket>>();
  /** highest revision announced per visibility (null = shared) */
  readonly #announced = new Map<number | null, number>();
  #unsubscribe: (() => void) | undefined;
  #unsubscribeSignals: (() => void) | undefined;
  #unsubscribeBroadcasts: (() => void) | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #polledHead = 0;
  #stopped = false;

  constructor(options: LiveEventsHubOptions) {
    this.#db = options.db;
    this.#changes = options.changes;
    this.#pingIntervalMs = options.pingIntervalMs ?? 25_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  /** Subscribes to the change bus and starts the ping and poll timers. */
  async start(): Promise<void> {
    this.#polledHead = await this.#head();
    this.#unsubscribe = this.#changes.onDidCommit((notice) => this.#announce(notice));
    this.#unsubscribeSignals = this.#changes.onDidSignal((accountId, event) => this.#broadcast(accountId, event));
    this.#unsubscribeBroadcasts = this.#changes.onDidBroadcast((event, except) =>
      this.#broadcast(undefined, event, except),
    );
    this.#pingTimer = setInterval(() => this.#broadcast(undefined, { type: 'ping' }), this.#pingIntervalMs);
    this.#pingTimer.unref();
    this.#schedulePoll();
  }

  /** Stops the timers and closes every connection (server shutdown). */
  stop(): void {
    this.#stopped = true;
    this.#unsubscribe?.();
    this.#unsubscribeSignals?.();
    this.#unsubscribeBroadcasts?.();
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pollTimer);
    for (const sockets of this.#sockets.values())
      for (const socket of sockets) socket.close(1001, 'server shutting down');
    this.#sockets.clear();
  }

  /** Registers the connection of an authenticated account. */
  add(accountId: number, socket: LiveSocket): void {
    let sockets = this.#sockets.get(accountId);
    if (sockets === undefined) {
      sockets = new Set();
      this.#sockets.set(accountId, sockets);
    }
    sockets.add(socket);
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
        : [[accountId, this.#sockets.get(accountId) ?? new Set<LiveSocket>()] as const];
    for (const [owner, sockets] of targets) {
      if (owner === except) continue;
      for (const socket of [...sockets]) {
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
    const head = await this.#head();
    if (head <= since) return;
    const owners = await this.#db
      .selectFrom('changes')
      .select(['owner_account_id', (eb) => eb.fn.max('revision').as('revision')])
      .where('revision', '>', since)
      .where('revision', '<=', head)
      .groupBy('owner_account_id')
      .execute();
    this.#polledHead = head;
    if (this.#stopped) return;
    for (const owner of owners)
      this.#announce({ ownerAccountId: owner.owner_account_id, revision: Number(owner.revision) });
  }

  async #head(): Promise<number> {
    const row = await this.#db
      .selectFrom('changes')
      .select((eb) => eb.fn.max('revision').as('head'))
      .executeTakeFirst();
    return Number(row?.head ?? 0);
  }
}
