import { sql, type Kysely } from 'kysely';
import { addIdColumn } from '../../../platform/db/schema-helpers';

/**
 * 0016: instant messages (SPEC E6). A message is one row shared by sender and
 * recipient; `revision` comes from the single-row `message_revision` counter
 * (bumped under the change-feed write lock, see message-service.ts), so each
 * account's pull cursor sees new messages and read-state changes in order.
 * Deleting an account deletes its messages.
 */
export const migration0016Messages = {
  name: '0016-messages',
  async up(db: Kysely<unknown>): Promise<void> {
    await addIdColumn(db, db.schema.createTable('messages'))
      .addColumn('sender_account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('recipient_account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'bigint', (c) => c.notNull())
      .addColumn('read_at', 'bigint')
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .addColumn('client_key', 'varchar(200)')
      .addCheckConstraint('messages_body_check', sql`length(body) between 1 and 4000`)
      .execute();
    await db.schema
      .createIndex('messages_sender_revision_idx')
      .on('messages')
      .columns(['sender_account_id', 'revision'])
      .execute();
    await db.schema
      .createIndex('messages_recipient_revision_idx')
      .on('messages')
      .columns(['recipient_account_id', 'revision'])
      .execute();
    await db.schema
      .createTable('message_revision')
      .addColumn('id', 'integer', (c) => c.primaryKey().notNull())
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .addCheckConstraint('message_revision_single_row', sql`id = 1`)
      .execute();
    await db
      .insertInto('message_revision' as never)
      .values({ id: 1, revision: 0 } as never)
      .execute();
  },
};
