import type { Kysely } from 'kysely';

/**
 * 0020: favorites in named groups (SPEC D1, D2). Ids are UUIDs made by the
 * client (an offline creation has its id at once); the account's rows go
 * with the account (cascade). An entry is at most once per group (a second
 * device adding it offline finds it there: no duplicate).
 */
export const migration0020Favorites = {
  name: '0020-favorites',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('favorite_groups')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('name', 'varchar(60)', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('favorite_groups_account_idx')
      .on('favorite_groups')
      .columns(['account_id', 'position'])
      .execute();
    await db.schema
      .createTable('favorites')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('group_id', 'varchar(36)', (c) => c.notNull().references('favorite_groups.id').onDelete('cascade'))
      .addColumn('entry_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('internal_number', 'varchar(64)')
      .addColumn('default_number', 'varchar(40)')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('favorites_group_entry_unique', ['group_id', 'entry_id'])
      .execute();
    await db.schema.createIndex('favorites_account_idx').on('favorites').columns(['account_id', 'group_id']).execute();
    await db.schema
      .createTable('favorite_versions')
      .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute();
  },
};
