import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';

/** One versioned schema step; must work on SQLite and PostgreSQL (see schema-helpers.ts). */
export interface ServerMigration {
  /** `NNNN-kebab-name`; the order of the list is the order they run (names sort the same way) */
  readonly name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/**
 * Brings the schema up to `upTo` (default: the last of `list`) with Kysely's
 * Migrator (bookkeeping in kysely_migration / kysely_migration_lock, one
 * transaction per migration where the dialect allows it). Throws with the
 * failing migration's name.
 */
export async function migrateDatabase(
  // any: the Migrator works on an untyped schema (the tables are what it creates)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  list: readonly ServerMigration[],
  options: { upTo?: string } = {},
): Promise<MigrationResultSet> {
  const names = list.map((m) => m.name);
  if (new Set(names).size !== names.length) throw new Error('Duplicate migration names');
  // the Migrator runs them in name order: the list order must agree
  const sorted = [...names].sort();
  if (sorted.some((name, index) => name !== names[index])) throw new Error('Migration list is not in name order');
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(list.map((m): [string, Migration] => [m.name, { up: (d) => m.up(d) }])),
    },
  });
  const result = options.upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(options.upTo);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const message = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Database migration ${failed} failed: ${message}`);
  }
  return result;
}
