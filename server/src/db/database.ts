import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AuthTables } from './auth-tables';
import type { DataTables } from './data-tables';
import type { PhotoTables } from '../photos/photo-tables';
import type { VoicemailTables } from '../voicemail/voicemail-tables';
import type { MessageTables } from '../messages/message-tables';
import { runMigrations } from './migrate';

/** Every table of the UC server (foundation + data side + account photos). */
export interface Database extends AuthTables, DataTables, PhotoTables, VoicemailTables, MessageTables {}

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

/** Options of {@link openServerDatabase}. */
export interface OpenDatabaseOptions {
  /** Default true: bring the schema to the latest migration. */
  readonly migrate?: boolean;
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
 * Opens the server database and runs the migrations.
 * SQLite: better-sqlite3 in WAL mode (Kamailio reads the same file while we
 * write), busy_timeout so concurrent writers wait instead of failing, foreign
 * keys on. PostgreSQL: a pg Pool.
 */
export async function openServerDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<OpenDatabase> {
  const parsed = parseDatabaseUrl(url);
  let db: Db;
  if (parsed.dialect === 'sqlite') {
    if (parsed.path !== ':memory:') mkdirSync(dirname(parsed.path), { recursive: true });
    const sqlite = new BetterSqlite3(parsed.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
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
    if (options.migrate ?? true) await runMigrations(db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, dialect: parsed.dialect, close };
}
