import type { Kysely } from 'kysely';

/**
 * 0017: each account's SIP secret (issue #10). SIP digest credentials are no
 * longer the account password: a random secret per account, provisioned to
 * the account's clients over the authenticated API and rotated with every
 * password change, so Kamailio's `subscriber` HA1 (MD5, RFC 2617) cracks
 * nothing but a secret that is replaced anyway. Accounts created before this
 * migration get theirs when the server starts (`ensureSipSecrets`): the
 * migration cannot, it does not know the SIP realm the HA1 is computed with.
 */
export const migration0017SipCredentials = {
  name: '0017-sip-credentials',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sip_credentials')
      .addColumn('account_id', 'integer', (c) => c.primaryKey().notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('secret', 'varchar(64)', (c) => c.notNull())
      .addColumn('rotated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
