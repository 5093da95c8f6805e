import { sql, type Kysely } from 'kysely';

/**
 * 0027: per-party deletion of messages (issue #13, SPEC E3). A message is one row shared by its
 * sender and its recipient, so deleting it for one must not delete it for the other: each party has
 * its own mark (0/1). A marked message comes back once to its party as a tombstone (new revision),
 * so their other devices drop it too; it never comes back to them with its text.
 */
export const migration0027MessageHidden = {
  name: '0027-message-hidden',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const column of ['hidden_for_sender', 'hidden_for_recipient']) {
      await db.schema
        .alterTable('messages')
        .addColumn(column, 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`${sql.ref(column)} in (0, 1)`),
        )
        .execute();
    }
  },
};
