import type { Database } from 'better-sqlite3';

/**
 * One schema change. Files in `migrations/` are named `NNNN-name.ts`; `version`
 * equals `NNNN` and versions are contiguous from 1 (checked by the runner).
 *
 * `up` runs inside a transaction opened by the runner (do not BEGIN/COMMIT in
 * it) and should be idempotent (`IF NOT EXISTS`) so a half-known state cannot
 * wedge a user's database.
 */
export interface Migration {
  /** Schema version after this migration; also stored in `PRAGMA user_version`. */
  readonly version: number;
  /** Short kebab-case name, same as the file name without the number. */
  readonly name: string;
  /** Applies the change. */
  up(db: Database): void;
}
