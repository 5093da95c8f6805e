import type { Database } from 'better-sqlite3';
import type { CallRecord, CallsDelete } from '../../../../src-preload/contract/calls/call-history-http';

/** A change made here, waiting for the server (table `call_history_outbox`). */
export interface CallHistoryOutboxItem {
  id: number;
  kind: 'read' | 'delete';
  /** POST /calls/read or /calls/delete body */
  body: { peer: string } | CallsDelete;
  attempts: number;
  nextAttemptAt: number;
}

/** A missed call counts as unread until read on any device. */
export function isUnreadCall(record: CallRecord): boolean {
  return record.direction === 'in' && record.result === 'missed' && !record.read;
}

/**
 * The account's cached call history (tables of migration 0012): records as the server gave them, the
 * pull cursor and the outbox of read marks and deletions.
 */
export class CallHistoryStore {
  constructor(
    private readonly db: Database,
    private readonly account: string,
  ) {}

  get revision(): number {
    const row = this.db.prepare('SELECT revision FROM call_history_sync WHERE account = ?').get(this.account) as
      { revision: number } | undefined;
    return row?.revision ?? 0;
  }

  /** Applies one page from the server and moves the cursor, in one transaction. */
  applyPage(records: readonly CallRecord[], revision: number): void {
    const upsert = this.db.prepare(
      `INSERT INTO call_history (account, id, peer, started_at, unread, record) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account, id) DO UPDATE SET peer = excluded.peer, started_at = excluded.started_at,
         unread = excluded.unread, record = excluded.record`,
    );
    const remove = this.db.prepare('DELETE FROM call_history WHERE account = ? AND id = ?');
    const cursor = this.db.prepare(
      `INSERT INTO call_history_sync (account, revision) VALUES (?, ?)
       ON CONFLICT (account) DO UPDATE SET revision = excluded.revision`,
    );
    this.db.transaction(() => {
      for (const r of records) {
        if (r.deleted) remove.run(this.account, r.id);
        else upsert.run(this.account, r.id, r.peer, r.startedAt, isUnreadCall(r) ? 1 : 0, JSON.stringify(r));
      }
      cursor.run(this.account, revision);
    })();
  }

  /** The server's history was reset: drop the cache (the next pull starts from 0). */
  reset(): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM call_history WHERE account = ?').run(this.account);
      this.db.prepare('DELETE FROM call_history_sync WHERE account = ?').run(this.account);
    })();
  }

  /** Every cached record, newest first. */
  all(): CallRecord[] {
    return (
      this.db
        .prepare('SELECT record FROM call_history WHERE account = ? ORDER BY started_at DESC, id DESC')
        .all(this.account) as { record: string }[]
    ).map((r) => JSON.parse(r.record) as CallRecord);
  }

  /** Marks the peer's records read here and queues the same for the server. */
  markRead(peer: string, now: number): boolean {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare('SELECT id, record FROM call_history WHERE account = ? AND peer = ? AND unread = 1')
        .all(this.account, peer) as { id: number; record: string }[];
      if (rows.length === 0) return false;
      const update = this.db.prepare('UPDATE call_history SET unread = 0, record = ? WHERE account = ? AND id = ?');
      for (const row of rows)
        update.run(JSON.stringify({ ...(JSON.parse(row.record) as CallRecord), read: true }), this.account, row.id);
      this.addOutbox('read', { peer }, now);
      return true;
    })();
  }

  /** Deletes here and queues the deletion for the server. */
  delete(body: CallsDelete, now: number): void {
    this.db.transaction(() => {
      if ('id' in body)
        this.db.prepare('DELETE FROM call_history WHERE account = ? AND id = ?').run(this.account, body.id);
      else if ('peer' in body)
        this.db.prepare('DELETE FROM call_history WHERE account = ? AND peer = ?').run(this.account, body.peer);
      else this.db.prepare('DELETE FROM call_history WHERE account = ?').run(this.account);
      this.addOutbox('delete', body, now);
    })();
  }

  private addOutbox(kind: 'read' | 'delete', body: unknown, now: number): void {
    this.db
      .prepare('INSERT INTO call_history_outbox (account, kind, body, created_at) VALUES (?, ?, ?, ?)')
      .run(this.account, kind, JSON.stringify(body), now);
  }

  outboxCount(): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM call_history_outbox WHERE account = ?').get(this.account) as {
        n: number;
      }
    ).n;
  }

  oldestOutbox(): CallHistoryOutboxItem | undefined {
    const row = this.db
      .prepare('SELECT * FROM call_history_outbox WHERE account = ? ORDER BY id LIMIT 1')
      .get(this.account) as
      { id: number; kind: 'read' | 'delete'; body: string; attempts: number; next_attempt_at: number } | undefined;
    if (row === undefined) return undefined;
    return {
      id: row.id,
      kind: row.kind,
      body: JSON.parse(row.body) as CallHistoryOutboxItem['body'],
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
    };
  }

  removeOutbox(id: number): void {
    this.db.prepare('DELETE FROM call_history_outbox WHERE id = ?').run(id);
  }

  retryOutbox(id: number, at: number): void {
    this.db
      .prepare('UPDATE call_history_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?')
      .run(at, id);
  }
}
