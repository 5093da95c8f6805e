import type { LiveEvent } from '../../../src-preload/contract/ipc-contract';

/** A committed change: who can see it and the revision that carries it. */
export interface ChangeNotice {
  /** null: visible to every account (shared directories) */
  readonly ownerAccountId: number | null;
  readonly revision: number;
}

/** Sessions that ended: their live-event sockets must close (the access tokens they hold are no longer enough). */
export interface SessionEndNotice {
  readonly accountId: number;
  /** one session (refresh-token family); absent: every session of the account */
  readonly familyId?: string;
  /** for the close reason and the log */
  readonly reason: 'logout' | 'refresh-token-reuse' | 'password-changed';
}

/** Listener of {@link ChangeBus.onDidCommit}. */
export type ChangeListener = (notice: ChangeNotice) => void;

/**
 * In-process fan-out of committed changes, so the live-events hub can push
 * `changed` to connected clients right after a commit. Writers in other
 * processes (the import CLI, another server on the same PostgreSQL) are
 * caught by the hub's revision poll instead. One per server, in its
 * server context (`ServerContext.changes`).
 */
export class ChangeBus {
  readonly #listeners = new Set<ChangeListener>();
  readonly #signalListeners = new Set<(accountId: number, event: LiveEvent) => void>();
  readonly #sessionListeners = new Set<(notice: SessionEndNotice) => void>();

  /** Subscribes to ended sessions (logout, refresh-token reuse, password change or reset). */
  onDidEndSessions(listener: (notice: SessionEndNotice) => void): () => void {
    this.#sessionListeners.add(listener);
    return () => this.#sessionListeners.delete(listener);
  }

  /** Announces sessions revoked in the database (after the commit). */
  endSessions(notice: SessionEndNotice): void {
    for (const listener of [...this.#sessionListeners]) {
      try {
        listener(notice);
      } catch (error) {
        console.error('session listener failed:', error);
      }
    }
  }

  readonly #broadcastListeners = new Set<(event: LiveEvent, exceptAccountId: number | undefined) => void>();

  /** Subscribes to broadcasts: live events for every connected account (others' presence). */
  onDidBroadcast(listener: (event: LiveEvent, exceptAccountId: number | undefined) => void): () => void {
    this.#broadcastListeners.add(listener);
    return () => this.#broadcastListeners.delete(listener);
  }

  /**
   * Pushes `event` to the live connections of every account but
   * `exceptAccountId` (after the commit it announces). The event must carry
   * nothing an account may not see: readers ask the API, which checks.
   */
  broadcast(event: LiveEvent, exceptAccountId?: number): void {
    for (const listener of [...this.#broadcastListeners]) {
      try {
        listener(event, exceptAccountId);
      } catch (error) {
        console.error('broadcast listener failed:', error);
      }
    }
  }

  /**
   * Subscribes to signals: live events for one account that are not part of
   * the directory change feed (presence, messages, voicemails).
   */
  onDidSignal(listener: (accountId: number, event: LiveEvent) => void): () => void {
    this.#signalListeners.add(listener);
    return () => this.#signalListeners.delete(listener);
  }

  /** Pushes `event` to the live connections of `accountId` (after the commit it announces). */
  signal(accountId: number, event: LiveEvent): void {
    for (const listener of [...this.#signalListeners]) {
      try {
        listener(accountId, event);
      } catch (error) {
        console.error('signal listener failed:', error);
      }
    }
  }

  /** Subscribes; returns the unsubscribe function. */
  onDidCommit(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called after the transaction committed (never before: a client would pull too early). */
  publish(notice: ChangeNotice): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(notice);
      } catch (error) {
        // one broken listener must not hide the change from the others
        console.error('change listener failed:', error);
      }
    }
  }
}
