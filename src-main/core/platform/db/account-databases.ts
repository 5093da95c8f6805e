import { createHash } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Migration } from './migration';
import { openDatabase, type SqliteDatabase } from './open-database';
import { LEGACY_DATABASE_FILE, readLegacyDatabase } from './legacy-database';
import { OwnerOnlyFiles } from './owner-only-files';

/** Folder of the per-account databases inside the data folder. */
export const ACCOUNTS_DIR = 'accounts';

/** Who a database belongs to: one account on one UC server. */
export interface AccountIdentity {
  /** the UC server's normalized origin (`parseServerAddress(…).origin`: scheme, lower-case host, port, path) */
  origin: string;
  /** the account as the UC server names it (the login reply's `account.number`) */
  user: string;
  /**
   * Other spellings of the same account the old single database may have
   * recorded as its owner (what the user typed at login), for its adoption.
   */
  aliases?: readonly string[];
}

export type DatabaseLogger = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface AccountDatabasesOptions {
  /** the data folder, or ':memory:' (every account gets an in-memory database, kept until dispose) */
  dataDir: string;
  logger?: DatabaseLogger;
  /** the account schema (`allMigrations` of `core/app/client-migrations.ts`) */
  migrations: readonly Migration[];
  /** seam for tests (default {@link openDatabase} with `migrations`) */
  open?: (path: string) => SqliteDatabase;
}

/** `origin|user`: the account string the sync engine and the messages already use inside a database. */
export function accountKey(origin: string, user: string): string {
  return `${origin}|${user}`;
}

/**
 * File name of an account's database: a hash of the server and the user, so
 * it is a safe file name whatever the server address holds (slashes, colons,
 * IPv6 brackets) and the folder listing does not tell who used this PC.
 */
export function accountDatabaseFileName(origin: string, user: string): string {
  return `${createHash('sha256').update(accountKey(origin, user)).digest('hex').slice(0, 32)}.sqlite`;
}

/**
 * One SQLite database per account (issue 8, a PC shared by several users):
 * `<dataDir>/accounts/<hash>.sqlite`, opened at login and closed at logout,
 * so the next user on the same PC never reads the previous one's journal,
 * messages, recent dials, counters or caches, and a returning user gets their
 * own back at once (SPEC K: starts instantly from the local cache).
 *
 * The old layout had one `switchboard.sqlite` for whoever logged in. It is
 * given to the account it records as its owner (the directory sync wrote the
 * last account that logged in, `sync_state.account`) the first time that
 * account logs in — moved, not copied, so its history is not kept twice — and
 * to nobody else: handing it to whoever logs in next is exactly the leak this
 * layout removes. Without a recorded owner it stays where it is.
 */
export class AccountDatabases {
  private readonly dataDir: string;
  private readonly log: DatabaseLogger;
  private readonly openAt: (path: string) => SqliteDatabase;
  private readonly migrations: readonly Migration[];
  /** in-memory databases by account key: ':memory:' mode, and files that could not be opened */
  private readonly memory = new Map<string, SqliteDatabase>();

  constructor(options: AccountDatabasesOptions) {
    this.dataDir = options.dataDir;
    this.log = options.logger ?? (() => undefined);
    this.migrations = options.migrations;
    this.openAt = options.open ?? ((path) => openDatabase(path, { migrations: this.migrations }));
  }

  /** The account's database file, or ':memory:' in memory mode. */
  pathOf(account: AccountIdentity): string {
    if (this.dataDir === ':memory:') return ':memory:';
    return join(this.dataDir, ACCOUNTS_DIR, accountDatabaseFileName(account.origin, account.user));
  }

  /**
   * Opens (creating, or adopting the old single database) the account's
   * database. A file that cannot be opened (damaged, from a newer version) is
   * left untouched and this session runs on an empty in-memory database, with
   * an error in the log: the phone keeps working, only the history is not kept.
   */
  open(account: AccountIdentity): SqliteDatabase {
    const key = accountKey(account.origin, account.user);
    const kept = this.memory.get(key);
    if (kept) return kept;
    const path = this.pathOf(account);
    if (path === ':memory:') return this.keepInMemory(key);
    this.adoptLegacy(account, path);
    try {
      return this.openAt(path);
    } catch (err) {
      this.log(
        'error',
        `the local data of this account cannot be opened (${err instanceof Error ? err.message : String(err)}); ` +
          'this session keeps nothing on disk',
      );
      return this.keepInMemory(key);
    }
  }

  /** Closes an account's database at logout (in-memory ones stay until {@link dispose}, like a file would). */
  close(db: SqliteDatabase): void {
    if ([...this.memory.values()].includes(db)) return;
    if (db.open) db.close();
  }

  dispose(): void {
    for (const db of this.memory.values()) if (db.open) db.close();
    this.memory.clear();
  }

  private keepInMemory(key: string): SqliteDatabase {
    const db = openDatabase(':memory:', { migrations: this.migrations });
    this.memory.set(key, db);
    return db;
  }

  private adoptLegacy(account: AccountIdentity, target: string): void {
    const legacy = join(this.dataDir, LEGACY_DATABASE_FILE);
    if (!existsSync(legacy)) return;
    if (existsSync(target)) {
      // Both exist only after going back to an old version and forward again: keep both, use the new one.
      return;
    }
    const info = readLegacyDatabase(legacy, this.openAt, this.log);
    if (!info) return;
    const mine = [account.user, ...(account.aliases ?? [])].map((user) => accountKey(account.origin, user));
    if (info.owner === undefined || !mine.includes(info.owner)) {
      this.log('info', `the old ${LEGACY_DATABASE_FILE} belongs to another account: left for it`);
      return;
    }
    try {
      new OwnerOnlyFiles().ensureDir(join(this.dataDir, ACCOUNTS_DIR));
      // readLegacyDatabase closed it cleanly (WAL checkpointed and removed): the main file is all of it.
      renameSync(legacy, target);
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(legacy + suffix)) renameSync(legacy + suffix, target + suffix);
      }
      this.log('info', `the old ${LEGACY_DATABASE_FILE} now holds this account's data (${target})`);
    } catch (err) {
      this.log('warn', `the old ${LEGACY_DATABASE_FILE} could not be moved: ${String(err)}`);
    }
  }
}
