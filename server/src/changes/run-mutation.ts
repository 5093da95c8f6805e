import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database, Db } from '../db/database';
import { putEntries, removeEntries, type EntryRecord } from '../directory/entry-store';
import { changeBusFor, type ChangeNotice } from './change-bus';

/** What a mutation can do inside its transaction. */
export interface MutationScope {
  readonly trx: Kysely<Database>;
  readonly now: number;
  /** Upserts entries + their change rows; returns the highest revision written (0 if none). */
  put(records: readonly EntryRecord[]): Promise<number>;
  /** Deletes entries + writes their tombstones; returns the highest revision written (0 if none). */
  remove(entries: readonly { id: string; ownerAccountId: number | null }[]): Promise<number>;
}

// Arbitrary constant naming the change-feed lock (pg_advisory_xact_lock takes a bigint).
const CHANGE_FEED_LOCK = 0x5357_4244; // "SWBD"

/**
 * Runs `fn` in one transaction (entries and change rows commit together or
 * not at all), then tells the change bus who can see the new revisions.
 *
 * PostgreSQL: a BIGSERIAL value is taken at INSERT but becomes visible at
 * COMMIT, so two concurrent writers could commit revisions out of order and a
 * client that already read revision 12 would never see 11. The transaction-
 * scoped advisory lock serializes writers so revisions commit in order.
 * SQLite serializes writers by itself (one write lock per file).
 */
export async function runMutation<T>(db: Db, now: number, fn: (scope: MutationScope) => Promise<T>): Promise<T> {
  const notices = new Map<number | null, number>();
  const note = (ownerAccountId: number | null, revision: number): void => {
    notices.set(ownerAccountId, Math.max(revision, notices.get(ownerAccountId) ?? 0));
  };
  const body = async (trx: Kysely<Database>): Promise<T> => {
    const scope: MutationScope = {
      trx,
      now,
      async put(records) {
        const revision = maxOf(await putEntries(trx, records, now));
        for (const record of records) note(record.ownerAccountId, revision);
        return revision;
      },
      async remove(entries) {
        const revision = maxOf(await removeEntries(trx, entries, now));
        for (const entry of entries) note(entry.ownerAccountId, revision);
        return revision;
      },
    };
    return fn(scope);
  };
  const result =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? await db.transaction().execute(async (trx) => {
          await sql`select pg_advisory_xact_lock(${CHANGE_FEED_LOCK})`.execute(trx);
          return body(trx);
        })
      : await db.connection().execute(async (conn) => {
          // BEGIN IMMEDIATE takes the write lock up front (waiting busy_timeout): a deferred
          // transaction that reads then writes fails at once with SQLITE_BUSY when another
          // process (the import CLI, Kamailio's writes) committed in between.
          await sql`begin immediate`.execute(conn);
          try {
            const value = await body(conn);
            await sql`commit`.execute(conn);
            return value;
          } catch (error) {
            await sql`rollback`.execute(conn).catch(() => undefined);
            throw error;
          }
        });
  const bus = changeBusFor(db);
  for (const [ownerAccountId, revision] of notices) {
    const notice: ChangeNotice = { ownerAccountId, revision };
    bus.publish(notice);
  }
  return result;
}

// a loop, not Math.max(...list): 100 000 arguments would overflow the stack
function maxOf(values: readonly number[]): number {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  return max;
}

/** Rows written at once above which PostgreSQL's planner statistics are refreshed. */
const BULK_WRITE_ROWS = 5000;

/**
 * After a bulk write (an import of thousands of entries), refreshes
 * PostgreSQL's planner statistics so the change-feed queries keep using their
 * indexes at once instead of waiting for autovacuum. SQLite needs nothing.
 */
export async function analyzeAfterBulkWrite(db: Db, rows: number): Promise<void> {
  if (rows < BULK_WRITE_ROWS || !(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`analyze directory_entries`.execute(db);
  await sql`analyze changes`.execute(db);
}
