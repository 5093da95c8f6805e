import type { Kysely } from 'kysely';
import { addIdColumn } from '../../../platform/db/schema-helpers';

/**
 * 0022: SIP trunks (carrier address, digest credentials or trusted sources,
 * number format) and DIDs (public number → account; deleted with the account).
 */
export const migration0022Trunks = {
  name: '0022-trunks',
  async up(db: Kysely<unknown>): Promise<void> {
    await addIdColumn(db, db.schema.createTable('trunks'))
      .addColumn('name', 'varchar(60)', (c) => c.notNull().unique())
      .addColumn('host', 'varchar(255)', (c) => c.notNull())
      .addColumn('port', 'integer', (c) => c.notNull())
      .addColumn('transport', 'varchar(3)', (c) => c.notNull())
      .addColumn('auth_username', 'varchar(128)')
      .addColumn('auth_password', 'varchar(128)')
      .addColumn('sources', 'text', (c) => c.notNull())
      .addColumn('number_format', 'varchar(10)', (c) => c.notNull())
      .addColumn('country', 'varchar(2)')
      .addColumn('main_number', 'varchar(20)')
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('dids')
      .addColumn('number', 'varchar(20)', (c) => c.primaryKey())
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dids_account_idx').on('dids').column('account_id').execute();
  },
};
