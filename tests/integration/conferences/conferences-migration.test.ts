/**
 * Migration 0026-conferences on SQLite and PostgreSQL: applied on top of its predecessors;
 * PINs unique across participants; participants go with their room and with their account.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations, SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import type { ConferencesTables } from '../../../server/src/features/conferences';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

describe.each(['sqlite', 'postgres'] as const)('migration 0026-conferences on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-confmig-');

  it('is listed once, after 0023', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names.filter((n) => n === '0026-conferences')).toHaveLength(1);
    expect(names.indexOf('0026-conferences')).toBeGreaterThan(names.indexOf('0023-message-sip-delivery'));
  });

  it('creates the tables; unique PINs; cascades from room and account', async () => {
    const base = await freshDb();
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0023-message-sip-delivery' });
    expect((await base.introspection.getTables()).map((t) => t.name)).not.toContain('conferences');
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0026-conferences' });
    const db = base.withTables<ConferencesTables & { accounts: { id: number } }>();
    const alice = await insertTestAccount(base, '100');
    const room = await db
      .insertInto('conferences')
      .values({
        name: 'R',
        guest_pin: '111111',
        guest_pin_enabled: 0,
        guests_in_room: 0,
        ends_at: null,
        created_at: 1,
        updated_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = {
      conference_id: room.id,
      account_id: alice,
      name: 'Alice',
      number: '100',
      email: null,
      moderator: 1,
      pin: '222222',
      state: 'idle',
      position: 0,
    };
    await db.insertInto('conference_participants').values(row).execute();
    // same PIN twice, same account twice in a room: refused
    await expect(
      db
        .insertInto('conference_participants')
        .values({ ...row, account_id: null })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('conference_participants')
        .values({ ...row, pin: '333333' })
        .execute(),
    ).rejects.toThrow();
    await db.deleteFrom('accounts').where('id', '=', alice).execute();
    expect(await db.selectFrom('conference_participants').selectAll().execute()).toEqual([]);
    await db
      .insertInto('conference_participants')
      .values({ ...row, account_id: null })
      .execute();
    await db.deleteFrom('conferences').where('id', '=', room.id).execute();
    expect(await db.selectFrom('conference_participants').selectAll().execute()).toEqual([]);
  });
});
