import { sql, type Kysely } from 'kysely';
import { addIdColumn } from '../../../platform/db/schema-helpers';

/**
 * 0025: the call history (issue #13). One row per call and party (`account_id`, SIP Call-ID,
 * direction), built from Kamailio's call events; `revision` comes from the single-row
 * `call_record_revision` counter (bumped under the change-feed write lock), so each account's pull
 * cursor sees new records, result changes, read marks and deletions (tombstones) in order.
 * Deleting an account deletes its records.
 */
export const migration0025CallRecords = {
  name: '0025-call-records',
  async up(db: Kysely<unknown>): Promise<void> {
    await addIdColumn(db, db.schema.createTable('call_records'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('call_id', 'varchar(256)', (c) => c.notNull())
      .addColumn('direction', 'varchar(3)', (c) => c.notNull())
      .addColumn('peer', 'varchar(128)', (c) => c.notNull())
      .addColumn('peer_name', 'varchar(256)')
      .addColumn('peer_internal', 'integer', (c) => c.notNull())
      .addColumn('result', 'varchar(16)', (c) => c.notNull())
      .addColumn('device_kind', 'varchar(16)')
      .addColumn('via', 'varchar(128)')
      .addColumn('origin', 'varchar(16)')
      .addColumn('origin_number', 'varchar(128)')
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('answered_at', 'bigint')
      .addColumn('ended_at', 'bigint')
      .addColumn('read_at', 'bigint')
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .addCheckConstraint('call_records_direction_check', sql`direction in ('in', 'out')`)
      .addUniqueConstraint('call_records_party_unique', ['account_id', 'call_id', 'direction'])
      .execute();
    await db.schema
      .createIndex('call_records_account_revision_idx')
      .on('call_records')
      .columns(['account_id', 'revision'])
      .execute();
    await db.schema.createIndex('call_records_call_id_idx').on('call_records').column('call_id').execute();
    await db.schema
      .createTable('call_record_revision')
      .addColumn('id', 'integer', (c) => c.primaryKey().notNull())
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .addCheckConstraint('call_record_revision_single_row', sql`id = 1`)
      .execute();
    await db
      .insertInto('call_record_revision' as never)
      .values({ id: 1, revision: 0 } as never)
      .execute();
  },
};
