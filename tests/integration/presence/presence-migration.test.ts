/**
 * Migration 0015-presence on SQLite and PostgreSQL: applied on top of its
 * predecessors, one row per account, the state/visibility lists and "no
 * return time with office" enforced by the database, BIGINT times, rows
 * deleted with their account.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../server/src/app/server-migrations';
import { SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import type { PresenceTables } from '../../../server/src/features/presence/presence-tables';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

describe.each(['sqlite', 'postgres'] as const)('migration 0015-presence on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-presmig-');

  it('is listed once, after the account photos', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names.filter((n) => n === '0015-presence')).toHaveLength(1);
    expect(names.indexOf('0015-presence')).toBeGreaterThan(names.indexOf('0013-account-photos'));
  });

  it('one row per account, checked values, deleted with the account', async () => {
    const base = await freshDb();
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0013-account-photos' });
    expect((await base.introspection.getTables()).map((t) => t.name)).not.toContain('presence');
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0015-presence' });
    const table = (await base.introspection.getTables()).find((t) => t.name === 'presence');
    expect(table?.columns.map((c) => c.name).sort()).toEqual(
      ['account_id', 'note', 'return_at', 'state', 'updated_at', 'visibility'].sort(),
    );
    const db = base.withTables<PresenceTables>();
    const alice = await insertTestAccount(base, '100');
    const bruno = await insertTestAccount(base, '101');
    const row = {
      account_id: alice,
      state: 'meeting' as const,
      // beyond 2^31: BIGINT, read back as a number
      return_at: 1_795_000_000_000,
      note: 'Budget',
      visibility: 'internal' as const,
      updated_at: 1_794_000_000_000,
    };
    await db.insertInto('presence').values(row).execute();
    expect(await db.selectFrom('presence').selectAll().where('account_id', '=', alice).executeTakeFirst()).toEqual(row);
    // one row per account
    await expect(db.insertInto('presence').values(row).execute()).rejects.toThrow();
    const other = { ...row, account_id: bruno };
    // unknown state / visibility, and a return time with office, are refused by the database itself
    await expect(
      db
        .insertInto('presence')
        .values({ ...other, state: 'asleep' as never })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('presence')
        .values({ ...other, visibility: 'everyone' as never })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('presence')
        .values({ ...other, state: 'office' })
        .execute(),
    ).rejects.toThrow();
    await db
      .insertInto('presence')
      .values({ ...other, state: 'office', return_at: null, note: null })
      .execute();
    await base.deleteFrom('accounts').where('id', '=', alice).execute();
    expect(await db.selectFrom('presence').select('account_id').execute()).toEqual([{ account_id: bruno }]);
  });
});
