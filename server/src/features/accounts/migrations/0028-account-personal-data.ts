import type { Kysely } from 'kysely';

/**
 * 0028: what a user edits about themself (issue #16, SPEC J1, H4): a second
 * personal number next to the mobile (`other_number`, canonical form like every
 * directory number) and the voicemail PIN, stored as a scrypt hash like the
 * password (`voicemail_pin_hash`, null: no PIN chosen yet).
 */
export const migration0028AccountPersonalData = {
  name: '0028-account-personal-data',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('accounts').addColumn('other_number', 'varchar(64)').execute();
    await db.schema.alterTable('accounts').addColumn('voicemail_pin_hash', 'varchar(255)').execute();
  },
};
