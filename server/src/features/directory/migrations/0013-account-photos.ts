import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/schema-helpers';

/** 0013: one photo per account (internal directory, SPEC C1): PNG/JPEG bytes ≤ 512 KB, content-hash ETag. */
export const migration0013AccountPhotos = {
  name: '0013-account-photos',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('account_photos')
      .addColumn('account_id', 'integer', (c) => c.primaryKey().notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('mime', 'varchar(20)', (c) => c.notNull())
      // BLOB and BYTEA both come back as a Buffer (better-sqlite3, pg)
      .addColumn('bytes', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('etag', 'varchar(64)', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('account_photos_mime_check', sql`mime in ('image/png', 'image/jpeg')`)
      .execute();
  },
};
