import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrateDatabase, type ServerMigration } from './migrate';

/**
 * Every table of the UC server. Empty here on purpose: each feature (and the
 * platform's own tables) adds its tables by declaration merging in its
 * `*-tables.ts`, so a new feature's tables need no edit in this file:
 *
 *     declare module '../../platform/db/database' {
 *       interface Database {
 *         presence: PresenceTable;
 *       }
 *     }
 *
 * The features' tables are part of every program that includes the migration
 * index (`app/server-migrations.ts` imports each feature's public index).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging (see above)
export interface Database {}

/** The one query layer over SQLite and PostgreSQL. */
export type Db = Kysely<Database>;

export type DatabaseDialect = 'sqlite' | 'postgres';

/** An open, migrated database. */
export interface OpenDatabase {
  readonly db: Db;
  readonly dialect: DatabaseDialect;
  /** Closes the connection(s); idempotent. */
  close(): Promise<void>;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** The schema steps to apply at open (none: the database is left as it is). */
  readonly migrations: readonly ServerMigration[];
}

/** BIGINT (oid 20) and NUMERIC-free COUNT(*) come back as numbers: our values (epoch ms, ids) fit in 2^53. */
const PG_INT8_OID = 20;

/**
 * Parses a database URL: `sqlite:/abs/or/relative/path.sqlite` or
 * `postgres://user:pass@host:port/db` (also `postgresql://`).
 */
export function parseDatabaseUrl(
  url: string,
): { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string } {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path.length === 0) throw new Error(`Invalid database URL ${JSON.stringify(url)}: expected sqlite:PATH`);
    return { dialect: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', url };
  throw new Error(`Invalid database URL ${JSON.stringify(url)}: expected sqlite:PATH or postgres://USER@HOST:PORT/DB`);
}

/**
 * Opens the server database and runs the given migrations.
 * SQLite: better-sqlite3 in WAL mode (Kamailio reads the same file while we
 * write), busy_timeout so concurrent writers wait instead of failing, foreign
 * keys on, synchronous FULL. PostgreSQL: a pg Pool (its default fsync on commit).
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions): Promise<OpenDatabase> {
  const parsed = parseDatabaseUrl(url);
  let db: Db;
  if (parsed.dialect === 'sqlite') {
    if (parsed.path !== ':memory:') mkdirSync(dirname(parsed.path), { recursive: true });
    const sqlite = new BetterSqlite3(parsed.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // FULL: a write the server acknowledged (a message, a contact, a password) survives a power
    // loss; NORMAL in WAL mode may lose the last commits (https://sqlite.org/pragma.html#pragma_synchronous)
    sqlite.pragma('synchronous = FULL');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else {
    const pool = new pg.Pool({
      connectionString: parsed.url,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === PG_INT8_OID
            ? (value: string) => Number(value)
            : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
      },
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await db.destroy();
  };
  try {
    if (options.migrations.length > 0) await migrateDatabase(db, options.migrations);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, dialect: parsed.dialect, close };
}
