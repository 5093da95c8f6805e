import type { Kysely } from 'kysely';
import { addIdColumn } from '../../../platform/db/schema-helpers';

/** 0002: refresh tokens (hashed), grouped in rotation families. */
export const migration0002RefreshTokens = {
  name: '0002-refresh-tokens',
  async up(db: Kysely<unknown>): Promise<void> {
    await addIdColumn(db, db.schema.createTable('refresh_tokens'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('family_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('device_name', 'varchar(128)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('replaced_by', 'varchar(64)')
      .execute();
    await db.schema.createIndex('refresh_tokens_family_idx').on('refresh_tokens').column('family_id').execute();
    await db.schema.createIndex('refresh_tokens_account_idx').on('refresh_tokens').column('account_id').execute();
  },
};
