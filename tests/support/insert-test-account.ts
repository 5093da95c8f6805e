/**
 * The minimal `accounts` row that server tests need as an owner or a peer
 * (messages, presence, voicemails, photos…), written straight to the table.
 */
import type { Db } from '../../server/src/platform/db/database';

/**
 * Inserts an account with a placeholder password hash and fixed times
 * (created/updated at epoch ms 1), not forced to change its password.
 *
 * @param db - a server database migrated at least to `0001-accounts`
 * @param number - the account number (unique)
 * @param displayName - defaults to the number
 * @returns the generated account id
 */
export async function insertTestAccount(db: Db, number: string, displayName: string = number): Promise<number> {
  const row = await db
    .insertInto('accounts')
    .values({
      number,
      display_name: displayName,
      password_hash: 'h',
      must_change_password: 0,
      created_at: 1,
      updated_at: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
