import type { SqliteDatabase } from './open-database';

/**
 * The single database of versions before issue 8, in the data folder: every
 * user's journal, settings and caches in one file. See `account-databases.ts`
 * for where it goes now.
 */
export const LEGACY_DATABASE_FILE = 'switchboard.sqlite';

/** Device-preferences internal key: the old database's device settings were looked at (once per device). */
export const LEGACY_SETTINGS_IMPORTED_KEY = 'legacySettingsImported';

export interface LegacyDatabaseInfo {
  /** `origin|user` of the last account that synced into it (sync_state.account), if any */
  owner: string | undefined;
  /** its `settings` table: JSON values by key (rows that are not JSON are left out) */
  settings: Record<string, unknown>;
}

/**
 * Reads the owner and the settings of the old database, then closes it (which
 * also folds its WAL into the main file). Undefined, with a log line, when it
 * cannot be opened; the file is never modified beyond the schema migrations
 * every open runs.
 */
export function readLegacyDatabase(
  path: string,
  open: (path: string) => SqliteDatabase,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): LegacyDatabaseInfo | undefined {
  let db: SqliteDatabase;
  try {
    db = open(path);
  } catch (err) {
    log('warn', `the old ${LEGACY_DATABASE_FILE} cannot be read, left as it is: ${String(err)}`);
    return undefined;
  }
  try {
    const ownerRow = db.prepare<[], { value: string }>("SELECT value FROM sync_state WHERE key = 'account'").get();
    let owner: string | undefined;
    try {
      const parsed: unknown = ownerRow ? JSON.parse(ownerRow.value) : undefined;
      if (typeof parsed === 'string' && parsed.length > 0) owner = parsed;
    } catch {
      owner = undefined;
    }
    const settings: Record<string, unknown> = {};
    for (const row of db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all()) {
      try {
        settings[row.key] = JSON.parse(row.value) as unknown;
      } catch {
        // unreadable row: as if absent
      }
    }
    return { owner, settings };
  } finally {
    db.close();
  }
}
