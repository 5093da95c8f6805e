import type { Database } from 'better-sqlite3';
import { DatabaseOpenError } from './database-open-error';
import type { Migration } from './migration';

/** What {@link runMigrations} did. */
export interface MigrationReport {
  /** `user_version` before */
  from: number;
  /** `user_version` after (the latest known version) */
  to: number;
  /** names of the migrations applied, in order (empty when already up to date) */
  applied: string[];
}

/**
 * Brings the schema to the latest version in `migrations`.
 *
 * The schema version lives in `PRAGMA user_version` (stored in the database
 * header, so it commits atomically with the migration). Each pending migration
 * runs in its own `BEGIN IMMEDIATE` transaction — immediate so two processes
 * opening the same file cannot both apply it — and the version is re-read inside
 * the transaction for the same reason. Running it again is a no-op.
 *
 * @throws Error if `migrations` is not numbered 1..n in order (a programming error)
 * @throws DatabaseOpenError `too-new` if the database is newer than the code,
 *   `migration-failed` if a migration throws (that migration is rolled back;
 *   earlier ones stay committed)
 */
export function runMigrations(db: Database, migrations: readonly Migration[]): MigrationReport {
  checkMigrationList(migrations);
  const latest = migrations.length;
  const path = db.name;
  const from = readUserVersion(db);
  if (from > latest) {
    throw new DatabaseOpenError(
      'too-new',
      `The database ${path} has schema version ${from} but this version of Switchboard only knows up to ${latest}. ` +
        'It was probably written by a newer Switchboard; update the application. The file was not modified.',
      path,
    );
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    const apply = db.transaction(() => {
      // Another process may have migrated between our read and this lock.
      if (readUserVersion(db) >= migration.version) return false;
      migration.up(db);
      // PRAGMA does not accept bound parameters; version is a checked integer.
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    try {
      if (apply.immediate()) applied.push(migration.name);
    } catch (error) {
      throw new DatabaseOpenError(
        'migration-failed',
        `Updating the database ${path} to schema version ${migration.version} (${migration.name}) failed: ` +
          `${error instanceof Error ? error.message : String(error)}. The change was rolled back.`,
        path,
        { cause: error },
      );
    }
  }
  return { from, to: Math.max(from, latest), applied };
}

/** Reads `PRAGMA user_version` (0 for a new database). */
export function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration list out of order: position ${index + 1} holds version ${migration.version} (${migration.name})`,
      );
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(migration.name)) {
      throw new Error(`Migration ${migration.version} has an invalid name: "${migration.name}"`);
    }
  });
}
