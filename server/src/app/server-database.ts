import { openDatabase, type OpenDatabase } from '../platform/db/database';
import { SERVER_MIGRATIONS } from './server-migrations';

export type { Database, DatabaseDialect, Db, OpenDatabase } from '../platform/db/database';

/** Options of {@link openServerDatabase}. */
export interface OpenServerDatabaseOptions {
  /** Default true: bring the schema to the latest migration. */
  readonly migrate?: boolean;
}

/** Opens the UC server's database (SQLite or PostgreSQL URL) and brings it to the latest migration. */
export function openServerDatabase(url: string, options: OpenServerDatabaseOptions = {}): Promise<OpenDatabase> {
  return openDatabase(url, { migrations: (options.migrate ?? true) ? SERVER_MIGRATIONS : [] });
}
