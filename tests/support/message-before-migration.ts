/**
 * The starting point of a server migration test over the `messages` table: a message written
 * before the migration, which must keep its row once the migration is applied.
 */
import type { Kysely, Selectable } from 'kysely';
import { runMigrations } from '../../server/src/app/server-migrations';
import type { MessagesTable } from '../../server/src/features/messages/message-tables';
import type { Db } from '../../server/src/platform/db/database';
import { insertTestAccount } from './insert-test-account';

/** A `messages` row with the columns of 0016-messages (later migrations added the others). */
export type MessageRowOf0016 = Omit<
  Selectable<MessagesTable>,
  'id' | 'sip_delivery' | 'hidden_for_sender' | 'hidden_for_recipient'
>;

/**
 * Migrates `db` up to `before`, inserts accounts 100 and 101 and one unread message 100 → 101
 * ("Avant", revision 1) with the columns of 0016 plus `laterColumns` (those migrations up to
 * `before` added), written as the schema at `before` has it.
 *
 * @returns that row, to insert more like it after the migration
 */
export async function insertMessageBeforeMigration<Later extends object>(
  db: Db,
  before: string,
  laterColumns: Later,
): Promise<MessageRowOf0016 & Later> {
  await runMigrations(db as unknown as Kysely<unknown>, { upTo: before });
  const row: MessageRowOf0016 & Later = {
    sender_account_id: await insertTestAccount(db, '100'),
    recipient_account_id: await insertTestAccount(db, '101'),
    body: 'Avant',
    sent_at: 1_795_000_000_000,
    read_at: null,
    revision: 1,
    client_key: null,
    ...laterColumns,
  };
  // typed as the schema at `before`: the columns of the migration under test do not exist yet
  await (db as unknown as Kysely<{ messages: MessageRowOf0016 }>).insertInto('messages').values(row).execute();
  return row;
}
