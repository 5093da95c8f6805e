import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { ChangeNotice } from '../../platform/change-bus';
import type { Database, Db } from '../../platform/db/database';
import { runSerializedWrite } from '../../platform/db/serialized-write';
import type { ChangeScope } from '../../platform/server-context';
import { putEntries, removeEntries, type EntryRecord } from './entry-store';

/** What a mutation can do inside its transaction. */
export interface MutationScope {
  readonly trx: Kysely<Database>;
  readonly now: number;
  /** Upserts entries + their change rows; returns the highest revision written (0 if none). */
  put(records: readonly EntryRecord[]): Promise<number>;
  /** Deletes entries + writes their tombstones; returns the highest revision written (0 if none). */
  remove(entries: readonly { id: string; ownerAccountId: number | null }[]): Promise<number>;
}

/**
 * Runs `fn` in one serialized write transaction (entries and change rows
 * commit together or not at all, and revisions commit in order: see
 * {@link runSerializedWrite}), then tells the server's change bus who can see
 * the new revisions.
 */
export async function runMutation<T>(
  scope: ChangeScope,
  now: number,
  fn: (scope: MutationScope) => Promise<T>,
): Promise<T> {
  const notices = new Map<number | null, number>();
  const note = (ownerAccountId: number | null, revision: number): void => {
    notices.set(ownerAccountId, Math.max(revision, notices.get(ownerAccountId) ?? 0));
  };
  const result = await runSerializedWrite(scope.db, async (trx) =>
    fn({
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
    }),
  );
  for (const [ownerAccountId, revision] of notices) {
    const notice: ChangeNotice = { ownerAccountId, revision };
    scope.changes.publish(notice);
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
