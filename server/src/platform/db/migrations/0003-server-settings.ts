import type { Kysely } from 'kysely';

/** 0003: key/value settings of the server itself (e.g. schema notes, future toggles). */
export const migration0003ServerSettings = {
  name: '0003-server-settings',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('server_settings')
      .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};
