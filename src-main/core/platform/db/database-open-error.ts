/**
 * Why the local database could not be opened:
 * - `cannot-open`: the path is unusable (permissions, missing drive, …);
 * - `not-a-database`: the file exists but is not SQLite (or is encrypted);
 * - `corrupt`: SQLite reports the file is damaged;
 * - `too-new`: the file was written by a newer Switchboard (schema version above ours);
 * - `migration-failed`: a migration threw; the transaction was rolled back.
 *
 * In every case the file is left as it was: we never delete user data to "fix" it.
 */
export type DatabaseOpenErrorKind = 'cannot-open' | 'not-a-database' | 'corrupt' | 'too-new' | 'migration-failed';

/** Thrown by `openDatabase` / `runMigrations` with a message fit for a log or a dialog. */
export class DatabaseOpenError extends Error {
  constructor(
    /** machine-readable category, see {@link DatabaseOpenErrorKind} */
    readonly kind: DatabaseOpenErrorKind,
    message: string,
    /** the path that was opened (`:memory:` for in-memory databases) */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}
