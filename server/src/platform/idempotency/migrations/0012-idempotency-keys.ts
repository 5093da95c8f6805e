import type { Kysely } from 'kysely';

/** 0012: stored replies of the contacts API by (account, Idempotency-Key). */
export const migration0012IdempotencyKeys = {
  name: '0012-idempotency-keys',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('idem_key', 'varchar(200)', (c) => c.notNull())
      .addColumn('request', 'varchar(300)', (c) => c.notNull())
      .addColumn('status_code', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_id', 'idem_key'])
      .execute();
    // old keys are purged by age
    await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
  },
};
