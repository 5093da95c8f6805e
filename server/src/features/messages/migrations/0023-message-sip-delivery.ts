import { sql, type Kysely } from 'kysely';

/**
 * 0023: what became of a message sent on as SIP MESSAGE to its recipient's plain SIP devices
 * (issue #12): NULL when the recipient had none registered, `sent` when at least one device took
 * it (2xx), `failed` when none did. The message itself stays the record (synced to the app).
 */
export const migration0023MessageSipDelivery = {
  name: '0023-message-sip-delivery',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('messages')
      .addColumn('sip_delivery', 'varchar(8)', (c) => c.check(sql`sip_delivery in ('sent', 'failed')`))
      .execute();
  },
};
