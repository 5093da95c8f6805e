import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database, Db } from './database';

// Arbitrary constant naming the write lock (pg_advisory_xact_lock takes a bigint).
const WRITE_LOCK = 0x5357_4244; // "SWBD"

/**
 * Runs `fn` in one write transaction that is serialized with every other
 * serialized write of the server, so counters taken inside (the change feed's
 * revisions, the messages' revision) commit in the order they were taken.
 *
 * PostgreSQL: a BIGSERIAL value is taken at INSERT but becomes visible at
 * COMMIT, so two concurrent writers could commit revisions out of order and a
 * client that already read revision 12 would never see 11. The transaction-
 * scoped advisory lock serializes writers so revisions commit in order.
 * SQLite serializes writers by itself (one write lock per file); BEGIN
 * IMMEDIATE takes that lock up front.
 */
export async function runSerializedWrite<T>(db: Db, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
        return fn(trx);
      })
    : await db.connection().execute(async (conn) => {
        // BEGIN IMMEDIATE takes the write lock up front (waiting busy_timeout): a deferred
        // transaction that reads then writes fails at once with SQLITE_BUSY when another
        // process (the import CLI, Kamailio's writes) committed in between.
        await sql`begin immediate`.execute(conn);
        try {
          const value = await fn(conn);
          await sql`commit`.execute(conn);
          return value;
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      });
}
