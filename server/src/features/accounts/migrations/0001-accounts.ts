import type { Kysely } from 'kysely';
import { addIdColumn } from '../../../platform/db/schema-helpers';

/** 0001: user accounts (number = SIP user, scrypt hash, login backoff state). */
export const migration0001Accounts = {
  name: '0001-accounts',
  async up(db: Kysely<unknown>): Promise<void> {
    await addIdColumn(db, db.schema.createTable('accounts'))
      .addColumn('number', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('display_name', 'varchar(200)', (c) => c.notNull())
      .addColumn('email', 'varchar(254)')
      .addColumn('mobile', 'varchar(64)')
      .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_failed_at', 'bigint')
      .addColumn('locked_until', 'bigint')
      .addColumn('last_login_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
