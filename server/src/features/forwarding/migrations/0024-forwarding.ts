import type { Kysely } from 'kysely';

/**
 * 0024: each account's call forwarding rules (SPEC J3, B2) — one row per
 * account that set them, the whole rule set as one JSON document validated
 * by the contract's schema on every write and read (the rules are read and
 * written together, and new rule kinds need no schema change). The row goes
 * with the account (cascade).
 */
export const migration0024Forwarding = {
  name: '0024-forwarding',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('forwarding_rules')
      .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('rules', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
