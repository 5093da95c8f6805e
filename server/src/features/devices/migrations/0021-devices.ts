import type { Kysely } from 'kysely';
import { addIdColumn } from '../../../platform/db/schema-helpers';

/**
 * 0021: plain SIP devices of an account (issue #12). Each has its own SIP
 * credentials, kept as a Kamailio `subscriber` row (HA1 only) named by
 * `sip_user`; the device row goes with the account (cascade).
 */
export const migration0021Devices = {
  name: '0021-devices',
  async up(db: Kysely<unknown>): Promise<void> {
    await addIdColumn(db, db.schema.createTable('devices'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('sip_user', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(80)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('devices_account_idx').on('devices').column('account_id').execute();
  },
};
