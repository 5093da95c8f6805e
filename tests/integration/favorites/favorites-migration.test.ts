/**
 * Migration 0020-favorites on SQLite and PostgreSQL: applied on top of its
 * predecessors; an entry at most once per group; favorites deleted with their
 * group, and everything with its account.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations, SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import type { FavoritesTables } from '../../../server/src/features/favorites';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

describe.each(['sqlite', 'postgres'] as const)('migration 0020-favorites on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-favmig-');

  it('is listed once, last so far', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names.filter((n) => n === '0020-favorites')).toHaveLength(1);
    expect(names.indexOf('0020-favorites')).toBeGreaterThan(names.indexOf('0017-sip-credentials'));
  });

  it('creates the tables; unique entry per group; cascades from group and account', async () => {
    const base = await freshDb();
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0017-sip-credentials' });
    expect((await base.introspection.getTables()).map((t) => t.name)).not.toContain('favorites');
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0020-favorites' });
    const tables = await base.introspection.getTables();
    expect(
      tables
        .find((t) => t.name === 'favorites')
        ?.columns.map((c) => c.name)
        .sort(),
    ).toEqual(
      [
        'account_id',
        'default_number',
        'entry_id',
        'group_id',
        'id',
        'internal_number',
        'name',
        'position',
        'updated_at',
      ].sort(),
    );
    const db = base.withTables<FavoritesTables & { accounts: { id: number } }>();
    const alice = await insertTestAccount(base, '100');
    const group = { id: 'g1', account_id: alice, name: 'Team', position: 0, updated_at: 1_794_000_000_000 };
    await db.insertInto('favorite_groups').values(group).execute();
    const favorite = {
      id: 'f1',
      account_id: alice,
      group_id: 'g1',
      entry_id: 'internal:101',
      name: 'Bruno',
      internal_number: '101',
      default_number: null,
      position: 0,
      updated_at: 1_794_000_000_000,
    };
    await db.insertInto('favorites').values(favorite).execute();
    await expect(
      db
        .insertInto('favorites')
        .values({ ...favorite, id: 'f2' })
        .execute(),
    ).rejects.toThrow();
    await db.insertInto('favorite_versions').values({ account_id: alice, version: 3 }).execute();
    expect(await db.selectFrom('favorite_versions').selectAll().execute()).toEqual([{ account_id: alice, version: 3 }]);
    await db.deleteFrom('favorite_groups').where('id', '=', 'g1').execute();
    expect(await db.selectFrom('favorites').selectAll().execute()).toEqual([]);
    await db.insertInto('favorite_groups').values(group).execute();
    await db.insertInto('favorites').values(favorite).execute();
    await db.deleteFrom('accounts').where('id', '=', alice).execute();
    expect(await db.selectFrom('favorite_groups').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('favorites').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('favorite_versions').selectAll().execute()).toEqual([]);
  });
});
