import type { Database } from 'better-sqlite3';

/** Every schema object (tables, indexes, triggers) with its SQL, sorted: compare before/after. */
export function schemaSnapshot(db: Database): { type: string; name: string; sql: string | null }[] {
  return db
    .prepare<[], { type: string; name: string; sql: string | null }>(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();
}

/** Column name → declared type, not-null flag and primary-key position of a table. */
export function columnsOf(db: Database, table: string): Record<string, { type: string; notnull: boolean; pk: number }> {
  const rows = db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; pk: number }[];
  return Object.fromEntries(rows.map((r) => [r.name, { type: r.type, notnull: r.notnull === 1, pk: r.pk }]));
}
