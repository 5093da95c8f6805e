import { callsMigrations } from '../features/calls';
import { conversationsMigrations } from '../features/conversations';
import { directoryMigrations } from '../features/directory';
import { favoritesMigrations } from '../features/favorites';
import { messagesMigrations } from '../features/messages';
import { settingsMigrations } from '../features/settings';
import type { Migration } from '../platform/db/migration';
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from '../platform/db/open-database';

/**
 * The schema of an account's database: every feature's numbered migrations,
 * one line per feature, run in version order. Versions are global and
 * contiguous (the runner checks): a feature's new table takes the next free
 * number, `NNNN-name.ts` in its own `migrations/` folder. Never edit or
 * renumber a released one — user databases already ran it.
 */
export const allMigrations: readonly Migration[] = [
  ...callsMigrations, // 0001 call journal, 0003 recent dials, 0011 journal picked_up_by
  ...settingsMigrations, // 0002 per-user settings
  ...directoryMigrations, // 0004 directory cache, 0005 outbox, 0006 sync state, 0007 photo cache
  ...messagesMigrations, // 0008 messages, 0009 message error code, 0013 delete in the outbox
  ...favoritesMigrations, // 0010 favorites cache and outbox
  ...conversationsMigrations, // 0012 call history cache, outbox and cursor
].sort((a, b) => a.version - b.version);

/** {@link openDatabase} with the account schema ({@link allMigrations}). */
export function openAccountDatabase(path: string, options: Partial<OpenDatabaseOptions> = {}): SqliteDatabase {
  return openDatabase(path, { ...options, migrations: options.migrations ?? allMigrations });
}
