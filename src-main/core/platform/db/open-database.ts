import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { DatabaseOpenError } from './database-open-error';
import type { Migration } from './migration';
import { OwnerOnlyFiles } from './owner-only-files';
import { runMigrations } from './run-migrations';

/** A better-sqlite3 connection (re-exported so callers need not import the driver). */
export type SqliteDatabase = Database;

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /**
   * migrations to run: the account schema, `allMigrations` of
   * `core/app/client-migrations.ts` (`openAccountDatabase` there passes it);
   * tests pass a prefix of the list
   */
  migrations: readonly Migration[];
  /** how long a statement waits for another connection's lock, ms (default 5000) */
  busyTimeoutMs?: number;
  /** file permissions (seam for tests; default owner-only on this platform) */
  ownerOnly?: OwnerOnlyFiles;
}

const MEMORY = ':memory:';

/**
 * Opens (creating if needed) the local SQLite cache at `path` — or an
 * in-memory database for `':memory:'` — configures it and migrates it to the
 * latest schema. The caller owns the connection and must `close()` it.
 *
 * Pragmas, and why:
 * - `journal_mode=WAL`: readers never block the writer, and a commit is one
 *   append to the `-wal` file (https://www.sqlite.org/wal.html).
 * - `synchronous=FULL`: the WAL is fsync-ed at every commit, so a commit the
 *   app acknowledged survives a power loss or an OS crash too, not only a
 *   crash of the app (NORMAL may roll the last commits back then:
 *   https://www.sqlite.org/pragma.html#pragma_synchronous). The account
 *   database holds user data not yet on the server — the directory outbox,
 *   the messages waiting to be sent — which an acknowledged "saved"/"sent"
 *   must not lose; the cost is one fsync per commit, and the client commits
 *   little (bulk sync pages are one transaction each).
 * - Files at rest: the folder is 0700 and the file 0600 before SQLite opens it
 *   (see owner-only-files.ts); SQLite creates the -wal/-shm files with the
 *   database file's mode.
 * - `foreign_keys=ON`: SQLite leaves FK enforcement off by default.
 * - `busy_timeout`: wait instead of failing with SQLITE_BUSY if another
 *   connection (e.g. a second instance) holds the lock briefly.
 *
 * Bad files are never deleted or rewritten: the error says what is wrong and
 * the user (or the shell) decides.
 *
 * @throws DatabaseOpenError `cannot-open`, `not-a-database`, `corrupt`,
 *   `too-new` or `migration-failed`
 */
export function openDatabase(path: string, options: OpenDatabaseOptions): SqliteDatabase {
  const migrations = options.migrations;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new RangeError(`busyTimeoutMs must be a non-negative integer, got ${busyTimeoutMs}`);
  }

  let db: SqliteDatabase;
  try {
    if (path !== MEMORY && path !== '') {
      const ownerOnly = options.ownerOnly ?? new OwnerOnlyFiles();
      ownerOnly.ensureDir(dirname(path));
      ownerOnly.ensureFile(path);
      // left by an older version with the default 0644
      for (const suffix of ['-wal', '-shm']) ownerOnly.restrict(path + suffix);
    }
    db = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new DatabaseOpenError('cannot-open', `Cannot open the database ${path}: ${messageOf(error)}`, path, {
      cause: error,
    });
  }

  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // The first statement that reads the header: a non-SQLite file fails here.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    runMigrations(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseOpenError) throw error;
    throw classify(error, path);
  }
}

function classify(error: unknown, path: string): DatabaseOpenError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_NOTADB') {
    return new DatabaseOpenError(
      'not-a-database',
      `The file ${path} is not a Switchboard database (not an SQLite file). It was left untouched; ` +
        'move or rename it to let Switchboard create a new one.',
      path,
      { cause: error },
    );
  }
  if (code === 'SQLITE_CORRUPT') {
    return new DatabaseOpenError(
      'corrupt',
      `The database ${path} is damaged (${messageOf(error)}). It was left untouched; ` +
        'move or rename it to let Switchboard create a new one.',
      path,
      { cause: error },
    );
  }
  return new DatabaseOpenError('cannot-open', `Cannot open the database ${path}: ${messageOf(error)}`, path, {
    cause: error,
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
