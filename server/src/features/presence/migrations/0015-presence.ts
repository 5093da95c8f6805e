import { sql, type Kysely } from 'kysely';

/**
 * 0015: the own presence of each account (SPEC B1, B3, B6): one row per account
 * that ever set it (no row = office, visible to all). `return_at` is BIGINT
 * epoch ms and only set for states other than office.
 */
export const migration0015Presence = {
  name: '0015-presence',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('presence')
      .addColumn('account_id', 'integer', (c) => c.primaryKey().notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('state', 'varchar(20)', (c) => c.notNull())
      .addColumn('return_at', 'bigint')
      .addColumn('note', 'varchar(200)')
      .addColumn('visibility', 'varchar(10)', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint(
        'presence_state_check',
        sql`state in ('office', 'meeting', 'sick', 'break', 'out-of-office', 'vacation', 'lunch', 'home', 'dnd')`,
      )
      .addCheckConstraint('presence_visibility_check', sql`visibility in ('all', 'internal', 'none')`)
      .addCheckConstraint('presence_office_return_check', sql`state <> 'office' or return_at is null`)
      .execute();
    // the return-time scheduler reads the pending returns at start
    await db.schema.createIndex('presence_return_at_idx').on('presence').column('return_at').execute();
  },
};
