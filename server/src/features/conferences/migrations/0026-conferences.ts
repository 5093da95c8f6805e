import type { Kysely } from 'kysely';
import { addIdColumn } from '../../../platform/db/schema-helpers';

/**
 * 0026: permanent conference rooms (SPEC I1–I4, issue #14). A room has
 * participants (colleagues or externals), each with a personal PIN unique on
 * the server (it names both the room and the person on the dial-in line), and
 * an optional guest PIN. `state` / `guests_in_room` are written by the
 * conference agent while people are in the room; `ends_at` is set when the last
 * moderator left (the room ends then). Rooms go with their creator's account
 * only through their participants: a room with no participant left is deleted
 * by the service.
 */
export const migration0026Conferences = {
  name: '0026-conferences',
  async up(db: Kysely<unknown>): Promise<void> {
    await addIdColumn(db, db.schema.createTable('conferences'))
      .addColumn('name', 'varchar(80)', (c) => c.notNull())
      .addColumn('guest_pin', 'varchar(12)', (c) => c.notNull().unique())
      .addColumn('guest_pin_enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('guests_in_room', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ends_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await addIdColumn(db, db.schema.createTable('conference_participants'))
      .addColumn('conference_id', 'integer', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
      .addColumn('account_id', 'integer', (c) => c.references('accounts.id').onDelete('cascade'))
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('number', 'varchar(40)', (c) => c.notNull())
      .addColumn('email', 'varchar(200)')
      .addColumn('moderator', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pin', 'varchar(12)', (c) => c.notNull().unique())
      .addColumn('state', 'varchar(16)', (c) => c.notNull().defaultTo('idle'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addUniqueConstraint('conference_participants_account_unique', ['conference_id', 'account_id'])
      .execute();
    await db.schema
      .createIndex('conference_participants_account_idx')
      .on('conference_participants')
      .column('account_id')
      .execute();
  },
};
