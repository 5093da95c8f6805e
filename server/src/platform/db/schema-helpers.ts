import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * Helpers that let one migration work on SQLite and PostgreSQL.
 * Conventions: ids are INTEGER PRIMARY KEY (SQLite rowid) / SERIAL
 * (PostgreSQL); times are BIGINT epoch ms; booleans INTEGER 0/1; JSON TEXT.
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds an auto-generated integer primary key column named `name`. */
export function addIdColumn<T extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<T, never>,
  name = 'id',
): CreateTableBuilder<T, never> {
  return isPostgres(db)
    ? table.addColumn(name, 'serial', (column) => column.primaryKey())
    : // INTEGER PRIMARY KEY = the rowid alias: auto-assigned, what Kamailio's own schema uses
      table.addColumn(name, 'integer', (column) => column.primaryKey().notNull());
}
