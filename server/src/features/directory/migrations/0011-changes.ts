import type { Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/schema-helpers';

/**
 * 0011: the change feed. `revision` is monotonic and never reused
 * (SQLite AUTOINCREMENT, PostgreSQL BIGSERIAL): clients resume from it.
 */
export const migration0011Changes = {
  name: '0011-changes',
  async up(db: Kysely<unknown>): Promise<void> {
    const table = db.schema.createTable('changes');
    await (
      isPostgres(db)
        ? table.addColumn('revision', 'bigserial', (c) => c.primaryKey())
        : // AUTOINCREMENT: a plain rowid could reuse the revision of a deleted last row
          table.addColumn('revision', 'integer', (c) => c.primaryKey().autoIncrement())
    )
      .addColumn('owner_account_id', 'integer', (c) => c.references('accounts.id').onDelete('cascade'))
      .addColumn('entry_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('op', 'varchar(8)', (c) => c.notNull())
      .addColumn('changed_at', 'bigint', (c) => c.notNull())
      .execute();
    // compaction on write deletes the previous row of the same entry
    await db.schema.createIndex('changes_entry_idx').on('changes').column('entry_id').execute();
  },
};
