import type { Database, Statement } from 'better-sqlite3';
import {
  CALL_END_REASONS,
  CALL_RESULTS,
  type CallDirection,
  type CallEndReason,
  type CallResult,
  type JournalEntry,
} from '../../../../../src-preload/contract/ipc-contract';
import { TypedEmitter, type Event } from '../../../platform/typed-emitter';

/** Largest `limit` accepted by {@link JournalStore.list} (same bound as the `journal.list` schema). */
export const JOURNAL_MAX_LIST = 1000;

// `satisfies Record<…>` makes the compiler flag a contract change here.
const DIRECTIONS = { incoming: true, outgoing: true } satisfies Record<CallDirection, true>;
const RESULTS = CALL_RESULTS;
const REASONS = CALL_END_REASONS;

interface JournalRow {
  id: number;
  call_id: string;
  direction: string;
  peer: string;
  peer_name: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number;
  result: string;
  reason: string | null;
  /** migration 0011 */
  picked_up_by: string | null;
}

/**
 * The call journal (table `call_journal`, migration 0001).
 *
 * ```ts
 * const journal = new JournalStore(db);
 * journal.onDidChange(() => emit('journal.onDidChange', {}));
 * journal.record({ callId, direction, peer, startedAt, answeredAt, endedAt, ...journalResultFor(direction, answeredAt, endReason) });
 * journal.list(); // newest first
 * ```
 *
 * All methods are synchronous (better-sqlite3) and throw on invalid input
 * (`TypeError`/`RangeError`) before touching the database.
 */
export class JournalStore {
  private readonly didChange = new TypedEmitter<void>();
  /** Fires after every successful {@link record} or {@link clear}. */
  readonly onDidChange: Event<void> = this.didChange.event;

  private readonly upsert: Statement<unknown[], JournalRow>;
  private readonly selectNewest: Statement<[number], JournalRow>;
  private readonly deleteAll: Statement<[]>;
  private readonly selectLastPeerName: Statement<[string], string>;
  private readonly updatePickedUpBy: Statement<[string, string]>;

  /** @param db an open database migrated to at least version 11 (see `openDatabase`) */
  constructor(db: Database) {
    // Idempotent on call_id: a second record of the same call updates the row
    // (keeping its id) instead of adding a duplicate.
    this.upsert = db.prepare<unknown[], JournalRow>(`
      INSERT INTO call_journal
        (call_id, direction, peer, peer_name, started_at, answered_at, ended_at, result, reason, picked_up_by)
      VALUES (@callId, @direction, @peer, @peerName, @startedAt, @answeredAt, @endedAt, @result, @reason, @pickedUpBy)
      ON CONFLICT (call_id) DO UPDATE SET
        direction = excluded.direction, peer = excluded.peer, peer_name = excluded.peer_name,
        started_at = excluded.started_at, answered_at = excluded.answered_at, ended_at = excluded.ended_at,
        result = excluded.result, reason = excluded.reason, picked_up_by = excluded.picked_up_by
      RETURNING *`);
    this.updatePickedUpBy = db.prepare<[string, string]>('UPDATE call_journal SET picked_up_by = ? WHERE call_id = ?');
    this.selectNewest = db.prepare<[number], JournalRow>(
      'SELECT * FROM call_journal ORDER BY started_at DESC, id DESC LIMIT ?',
    );
    this.deleteAll = db.prepare('DELETE FROM call_journal');
    this.selectLastPeerName = db
      .prepare<[string], string>(
        `SELECT peer_name FROM call_journal WHERE peer = ? AND peer_name IS NOT NULL
         ORDER BY started_at DESC, id DESC LIMIT 1`,
      )
      .pluck();
  }

  /**
   * Inserts the entry, or updates the existing one with the same `callId`.
   * @returns the stored entry, with its `id`
   * @throws TypeError / RangeError on an invalid field (nothing is written)
   */
  record(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    validate(entry);
    const row = this.upsert.get({
      callId: entry.callId,
      direction: entry.direction,
      peer: entry.peer,
      peerName: entry.peerName ?? null,
      startedAt: entry.startedAt,
      answeredAt: entry.answeredAt ?? null,
      endedAt: entry.endedAt,
      result: entry.result,
      reason: entry.reason ?? null,
      pickedUpBy: entry.pickedUpBy ?? null,
    });
    if (row === undefined) throw new Error('call_journal upsert returned no row');
    this.didChange.fire();
    return toEntry(row);
  }

  /**
   * The most recent entries, newest `startedAt` first.
   * @param limit how many, 1..{@link JOURNAL_MAX_LIST} (default 200)
   */
  list(limit = 200): JournalEntry[] {
    if (!Number.isInteger(limit) || limit < 1 || limit > JOURNAL_MAX_LIST) {
      throw new RangeError(`limit must be an integer between 1 and ${JOURNAL_MAX_LIST}, got ${limit}`);
    }
    return this.selectNewest.all(limit).map(toEntry);
  }

  /**
   * Notes who picked up the call `callId` (SPEC D3) once the UC server said so.
   * @returns whether that call is in the journal
   * @throws TypeError on an invalid number
   */
  setPickedUpBy(callId: string, by: string): boolean {
    checkPickedUpBy(by);
    const changed = this.updatePickedUpBy.run(by, callId).changes > 0;
    if (changed) this.didChange.fire();
    return changed;
  }

  /** The name the newest call with `peer` had (e.g. the contact it was dialed from), if any. */
  lastPeerName(peer: string): string | undefined {
    return this.selectLastPeerName.get(peer) ?? undefined;
  }

  /** Deletes every entry. */
  clear(): void {
    this.deleteAll.run();
    this.didChange.fire();
  }
}

function validate(entry: Omit<JournalEntry, 'id'>): void {
  if (typeof entry.callId !== 'string' || entry.callId.length < 1 || entry.callId.length > 128) {
    throw new TypeError('journal entry: callId must be a string of 1..128 characters');
  }
  if (!Object.hasOwn(DIRECTIONS, entry.direction)) {
    throw new TypeError(`journal entry: invalid direction ${JSON.stringify(entry.direction)}`);
  }
  if (typeof entry.peer !== 'string') throw new TypeError('journal entry: peer must be a string');
  if (entry.peerName !== undefined && typeof entry.peerName !== 'string') {
    throw new TypeError('journal entry: peerName must be a string when set');
  }
  if (!Object.hasOwn(RESULTS, entry.result)) {
    throw new TypeError(`journal entry: invalid result ${JSON.stringify(entry.result)}`);
  }
  if (entry.reason !== undefined && !Object.hasOwn(REASONS, entry.reason)) {
    throw new TypeError(`journal entry: invalid reason ${JSON.stringify(entry.reason)}`);
  }
  if (entry.pickedUpBy !== undefined) checkPickedUpBy(entry.pickedUpBy);
  checkTime('startedAt', entry.startedAt);
  checkTime('endedAt', entry.endedAt);
  if (entry.answeredAt !== undefined) checkTime('answeredAt', entry.answeredAt);
  if (entry.endedAt < entry.startedAt) throw new RangeError('journal entry: endedAt is before startedAt');
  if (entry.answeredAt !== undefined && (entry.answeredAt < entry.startedAt || entry.answeredAt > entry.endedAt)) {
    throw new RangeError('journal entry: answeredAt must lie between startedAt and endedAt');
  }
}

function checkPickedUpBy(by: unknown): void {
  if (typeof by !== 'string' || by.length < 1 || by.length > 64) {
    throw new TypeError('journal entry: pickedUpBy must be a string of 1..64 characters');
  }
}

function checkTime(field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`journal entry: ${field} must be a non-negative integer (epoch ms), got ${String(value)}`);
  }
}

function toEntry(row: JournalRow): JournalEntry {
  const entry: JournalEntry = {
    id: row.id,
    callId: row.call_id,
    direction: row.direction as CallDirection,
    peer: row.peer,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    result: row.result as CallResult,
  };
  // Optional fields are omitted rather than set to undefined (clean IPC payloads).
  if (row.peer_name !== null) entry.peerName = row.peer_name;
  if (row.answered_at !== null) entry.answeredAt = row.answered_at;
  if (row.reason !== null) entry.reason = row.reason as CallEndReason;
  if (row.picked_up_by !== null) entry.pickedUpBy = row.picked_up_by;
  return entry;
}
