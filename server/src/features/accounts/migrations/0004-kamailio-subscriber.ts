import { sql, type Kysely } from 'kysely';
import { addIdColumn } from '../../../platform/db/schema-helpers';

/** Table versions Kamailio 5.6 expects (/usr/share/kamailio/db_sqlite/{standard,auth_db}-create.sql). */
export const KAMAILIO_TABLE_VERSIONS = { version: 1, subscriber: 7 } as const;

/**
 * 0004: Kamailio's `version` and `subscriber` tables, with Kamailio's exact
 * columns, so Kamailio's auth_db authenticates SIP against the accounts of
 * this database (the server keeps one HA1 row per account).
 */
export const migration0004KamailioSubscriber = {
  name: '0004-kamailio-subscriber',
  async up(db: Kysely<unknown>): Promise<void> {
    await addIdColumn(db, db.schema.createTable('version'))
      .addColumn('table_name', 'varchar(32)', (c) => c.notNull().unique())
      .addColumn('table_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await addIdColumn(db, db.schema.createTable('subscriber'))
      .addColumn('username', 'varchar(64)', (c) => c.notNull().defaultTo(''))
      .addColumn('domain', 'varchar(64)', (c) => c.notNull().defaultTo(''))
      .addColumn('password', 'varchar(64)', (c) => c.notNull().defaultTo(''))
      .addColumn('ha1', 'varchar(128)', (c) => c.notNull().defaultTo(''))
      .addColumn('ha1b', 'varchar(128)', (c) => c.notNull().defaultTo(''))
      .addUniqueConstraint('subscriber_account_idx', ['username', 'domain'])
      .execute();
    await db.schema.createIndex('subscriber_username_idx').on('subscriber').column('username').execute();
    await sql`INSERT INTO version (table_name, table_version) VALUES ('version', ${KAMAILIO_TABLE_VERSIONS.version}), ('subscriber', ${KAMAILIO_TABLE_VERSIONS.subscriber})`.execute(
      db,
    );
  },
};
