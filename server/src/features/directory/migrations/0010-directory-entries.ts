import type { Kysely } from 'kysely';

/**
 * 0010: directory entries of every source (internal, system, global,
 * personal). Personal contacts belong to an account (deleted with it);
 * shared directories have no owner.
 */
export const migration0010DirectoryEntries = {
  name: '0010-directory-entries',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('directory_entries')
      .addColumn('id', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('source', 'varchar(16)', (c) => c.notNull())
      .addColumn('owner_account_id', 'integer', (c) => c.references('accounts.id').onDelete('cascade'))
      .addColumn('display_name', 'varchar(300)', (c) => c.notNull())
      .addColumn('name_key', 'varchar(300)', (c) => c.notNull())
      .addColumn('first_name', 'varchar(100)')
      .addColumn('last_name', 'varchar(100)')
      .addColumn('company', 'varchar(200)')
      .addColumn('email', 'varchar(254)')
      .addColumn('numbers', 'text', (c) => c.notNull())
      .addColumn('photo_url', 'varchar(500)')
      .addColumn('hand_edited', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // imports find "the same contact" by name within one owner / one shared source
    await db.schema
      .createIndex('directory_entries_owner_name_idx')
      .on('directory_entries')
      .columns(['owner_account_id', 'name_key'])
      .execute();
    await db.schema
      .createIndex('directory_entries_source_name_idx')
      .on('directory_entries')
      .columns(['source', 'name_key'])
      .execute();
  },
};
