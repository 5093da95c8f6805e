/**
 * Server migration 0023-message-sip-delivery on SQLite and PostgreSQL: applied on top of a
 * database holding messages, which keep their rows (no SIP delivery), then its check exercised.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations, SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import { insertMessageBeforeMigration } from '../../support/message-before-migration';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

describe.each(['sqlite', 'postgres'] as const)('migration 0023-message-sip-delivery on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-msdmig-');

  it('is listed after 0016-messages', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names.filter((n) => n === '0023-message-sip-delivery')).toHaveLength(1);
    expect(names.indexOf('0023-message-sip-delivery')).toBeGreaterThan(names.indexOf('0016-messages'));
  });

  it('keeps existing messages (no SIP delivery) and takes only sent or failed', async () => {
    const db = await freshDb();
    // written before 0023: no sip_delivery column yet
    const row = await insertMessageBeforeMigration(db, '0020-favorites', {});
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0023-message-sip-delivery' });
    expect(await db.selectFrom('messages').select(['body', 'sip_delivery']).execute()).toEqual([
      { body: 'Avant', sip_delivery: null },
    ]);
    for (const delivery of ['sent', 'failed'] as const) {
      await db
        .insertInto('messages')
        .values({ ...row, body: delivery, revision: 2, sip_delivery: delivery })
        .execute();
    }
    await expect(
      db
        .insertInto('messages')
        .values({ ...row, revision: 3, sip_delivery: 'maybe' as 'sent' })
        .execute(),
    ).rejects.toThrow();
    expect(
      (await db.selectFrom('messages').select('sip_delivery').orderBy('id').execute()).map((r) => r.sip_delivery),
    ).toEqual([null, 'sent', 'failed']);
  });
});
