import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../server/src/app/server-migrations';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

// Migration 0021-devices on SQLite and PostgreSQL, on top of its predecessors: columns, unique SIP
// user, BIGINT times, owner cascade.

describe.each(['sqlite', 'postgres'] as const)('migration 0021-devices on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-devmig-');

  it('creates devices: one SIP user per device, gone with the account', async () => {
    const db = await freshDb();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0020-favorites' });
    expect((await db.introspection.getTables()).some((t) => t.name === 'devices')).toBe(false);
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0021-devices' });
    const table = (await db.introspection.getTables()).find((t) => t.name === 'devices');
    expect(table?.columns.map((c) => c.name).sort()).toEqual(['account_id', 'created_at', 'id', 'name', 'sip_user']);
    const owner = await insertTestAccount(db, '100', 'Alice');
    const at = 1_795_000_000_000;
    await db
      .insertInto('devices')
      .values({ account_id: owner, sip_user: '100~abcdef', name: 'Desk phone', created_at: at })
      .execute();
    const row = await db.selectFrom('devices').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ account_id: owner, sip_user: '100~abcdef', name: 'Desk phone' });
    expect(Number(row.created_at)).toBe(at);
    // one SIP user names one device; an unknown owner is refused
    await expect(
      db
        .insertInto('devices')
        .values({ account_id: owner, sip_user: '100~abcdef', name: 'Again', created_at: at })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('devices')
        .values({ account_id: owner + 1000, sip_user: '100~zzzzzz', name: 'X', created_at: at })
        .execute(),
    ).rejects.toThrow();
    await db.deleteFrom('accounts').where('id', '=', owner).execute();
    expect(await db.selectFrom('devices').select('id').execute()).toEqual([]);
  });
});
