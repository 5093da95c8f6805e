import type { Database, Statement } from 'better-sqlite3';
import type { ContactFields } from '../../../../../src-preload/contract/directory/contact-fields';
import type { DirectoryEntry } from '../../../../../src-preload/contract/directory/directory-http';

export type OutboxOp = 'create' | 'patch' | 'delete';

/** One local change waiting for the server (table `outbox`, migration 0005). */
export interface OutboxItem {
  id: number;
  account: string;
  idempotencyKey: string;
  op: OutboxOp;
  entityId: string;
  fields: ContactFields | undefined;
  /** the cached entry before this change (undefined: it did not exist) */
  previous: DirectoryEntry | undefined;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | undefined;
  createdAt: number;
}

export type NewOutboxItem = Pick<OutboxItem, 'account' | 'idempotencyKey' | 'op' | 'entityId' | 'fields' | 'previous'>;

interface Row {
  id: number;
  account: string;
  idempotency_key: string;
  op: OutboxOp;
  entity_id: string;
  fields: string | null;
  previous: string | null;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
}

/**
 * Plain data access to the outbox; callers open the transactions (the sync
 * engine writes the cache and the outbox together). Items of one account are
 * sent strictly in insertion order (`id`).
 */
export class OutboxStore {
  private readonly insertStmt: Statement;
  private readonly oldestStmt: Statement<[string], Row>;
  private readonly countStmt: Statement<[string], { n: number }>;
  private readonly deleteStmt: Statement<[number]>;
  private readonly failStmt: Statement<[number, string, number]>;
  private readonly laterForEntityStmt: Statement<[string, string, number], Row>;
  private readonly pendingEntitiesStmt: Statement<[string], { entity_id: string }>;
  private readonly hasEntityStmt: Statement<[string, string], { n: number }>;
  private readonly rejectStmt: Statement;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO outbox (account, idempotency_key, op, entity_id, fields, previous, attempts, next_attempt_at, created_at)
       VALUES (@account, @idempotencyKey, @op, @entityId, @fields, @previous, 0, 0, @createdAt)`,
    );
    this.oldestStmt = db.prepare<[string], Row>('SELECT * FROM outbox WHERE account = ? ORDER BY id LIMIT 1');
    this.countStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM outbox WHERE account = ?');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM outbox WHERE id = ?');
    this.failStmt = db.prepare<[number, string, number]>(
      'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
    );
    this.laterForEntityStmt = db.prepare<[string, string, number], Row>(
      'SELECT * FROM outbox WHERE account = ? AND entity_id = ? AND id > ? ORDER BY id',
    );
    this.pendingEntitiesStmt = db.prepare<[string], { entity_id: string }>(
      'SELECT DISTINCT entity_id FROM outbox WHERE account = ?',
    );
    this.hasEntityStmt = db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM outbox WHERE account = ? AND entity_id = ?',
    );
    this.rejectStmt = db.prepare(
      `INSERT INTO outbox_rejected (account, idempotency_key, op, entity_id, fields, status, error, rejected_at)
       VALUES (@account, @idempotencyKey, @op, @entityId, @fields, @status, @error, @rejectedAt)`,
    );
  }

  add(item: NewOutboxItem, now: number): void {
    this.insertStmt.run({
      account: item.account,
      idempotencyKey: item.idempotencyKey,
      op: item.op,
      entityId: item.entityId,
      fields: item.fields === undefined ? null : JSON.stringify(item.fields),
      previous: item.previous === undefined ? null : JSON.stringify(item.previous),
      createdAt: now,
    });
  }

  /** The next item to send for `account` (oldest first), or undefined. */
  oldest(account: string): OutboxItem | undefined {
    const row = this.oldestStmt.get(account);
    return row ? fromRow(row) : undefined;
  }

  count(account: string): number {
    return this.countStmt.get(account)?.n ?? 0;
  }

  /** Entity ids with at least one pending change of `account`. */
  pendingEntities(account: string): Set<string> {
    return new Set(this.pendingEntitiesStmt.all(account).map((r) => r.entity_id));
  }

  hasPending(account: string, entityId: string): boolean {
    return (this.hasEntityStmt.get(account, entityId)?.n ?? 0) > 0;
  }

  /** Items of the same entity queued after `item`. */
  laterForEntity(item: OutboxItem): OutboxItem[] {
    return this.laterForEntityStmt.all(item.account, item.entityId, item.id).map(fromRow);
  }

  remove(id: number): void {
    this.deleteStmt.run(id);
  }

  /** Records a failed attempt; the item is retried at `nextAttemptAt`. */
  markFailed(id: number, error: string, nextAttemptAt: number): void {
    this.failStmt.run(nextAttemptAt, error.slice(0, 500), id);
  }

  /** Moves an item the server refused for good to `outbox_rejected`. */
  reject(item: OutboxItem, status: number | undefined, error: string, now: number): void {
    this.rejectStmt.run({
      account: item.account,
      idempotencyKey: item.idempotencyKey,
      op: item.op,
      entityId: item.entityId,
      fields: item.fields === undefined ? null : JSON.stringify(item.fields),
      status: status ?? null,
      error: error.slice(0, 500),
      rejectedAt: now,
    });
    this.deleteStmt.run(item.id);
  }
}

function fromRow(row: Row): OutboxItem {
  return {
    id: row.id,
    account: row.account,
    idempotencyKey: row.idempotency_key,
    op: row.op,
    entityId: row.entity_id,
    fields: row.fields === null ? undefined : (JSON.parse(row.fields) as ContactFields),
    previous: row.previous === null ? undefined : (JSON.parse(row.previous) as DirectoryEntry),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error ?? undefined,
    createdAt: row.created_at,
  };
}
