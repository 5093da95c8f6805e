import type { Kysely } from 'kysely';

/**
 * 0014: voice messages (SPEC H1). The audio is a WAV file under the server's
 * data directory (`path`, relative to it); the row carries what the list
 * shows. `listened_at` dates the 30-day purge of listened messages.
 */
export const migration0014Voicemails = {
  name: '0014-voicemails',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('voicemails')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey().notNull())
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('caller_number', 'varchar(128)', (c) => c.notNull())
      .addColumn('caller_name', 'varchar(200)')
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('path', 'varchar(300)', (c) => c.notNull())
      .addColumn('listened', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('listened_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('voicemails_account_received')
      .on('voicemails')
      .columns(['account_id', 'received_at'])
      .execute();
  },
};
