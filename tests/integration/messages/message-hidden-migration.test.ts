/**
 * Server migration 0027-message-hidden on SQLite and PostgreSQL: applied on top of a database
 * holding messages, which keep their rows (visible to both parties), then its checks exercised.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations, SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import { insertMessageBeforeMigration } from '../../support/message-before-migration';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

describe.each(['sqlite', 'postgres'] as const)('migration 0027-message-hidden on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-mhmig-');

  it('is listed once, after 0026-conferences', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names.filter((n) => n === '0027-message-hidden')).toHaveLength(1);
    expect(names.indexOf('0027-message-hidden')).toBe(names.indexOf('0026-conferences') + 1);
  });

  it('keeps existing messages visible to both parties and takes only 0 or 1', async () => {
    const db = await freshDb();
    // written before 0027: no hidden marks yet
    const row = await insertMessageBeforeMigration(db, '0026-conferences', { sip_delivery: null });
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0027-message-hidden' });
    expect(
      (await db.selectFrom('messages').select(['body', 'hidden_for_sender', 'hidden_for_recipient']).execute()).map(
        (r) => ({
          ...r,
          hidden_for_sender: Number(r.hidden_for_sender),
          hidden_for_recipient: Number(r.hidden_for_recipient),
        }),
      ),
    ).toEqual([{ body: 'Avant', hidden_for_sender: 0, hidden_for_recipient: 0 }]);
    await db
      .insertInto('messages')
      .values({ ...row, body: 'Cachée', revision: 2, hidden_for_recipient: 1 })
      .execute();
    await expect(
      db
        .insertInto('messages')
        .values({ ...row, revision: 3, hidden_for_sender: 2 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('messages')
        .values({ ...row, revision: 3, hidden_for_recipient: -1 })
        .execute(),
    ).rejects.toThrow();
    expect(await db.selectFrom('messages').select('body').orderBy('id').execute()).toEqual([
      { body: 'Avant' },
      { body: 'Cachée' },
    ]);
  });
});
