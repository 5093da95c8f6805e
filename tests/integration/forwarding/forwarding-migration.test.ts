/**
 * Migration 0024-forwarding on SQLite and PostgreSQL: applied on top of its
 * predecessors; one row per account, deleted with the account.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations, SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import type { ForwardingTables } from '../../../server/src/features/forwarding';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

describe.each(['sqlite', 'postgres'] as const)('migration 0024-forwarding on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-fwdmig-');

  it('is listed once, after 0020-favorites', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names.filter((n) => n === '0024-forwarding')).toHaveLength(1);
    expect(names.indexOf('0024-forwarding')).toBeGreaterThan(names.indexOf('0020-favorites'));
  });

  it('creates forwarding_rules: one row per account, gone with the account', async () => {
    const base = await freshDb();
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0020-favorites' });
    expect((await base.introspection.getTables()).map((t) => t.name)).not.toContain('forwarding_rules');
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0024-forwarding' });
    const table = (await base.introspection.getTables()).find((t) => t.name === 'forwarding_rules');
    expect(table?.columns.map((c) => c.name).sort()).toEqual(['account_id', 'rules', 'updated_at']);
    const db = base.withTables<ForwardingTables & { accounts: { id: number } }>();
    const alice = await insertTestAccount(base, '100');
    await db.insertInto('forwarding_rules').values({ account_id: alice, rules: '{}', updated_at: 1 }).execute();
    await expect(
      db.insertInto('forwarding_rules').values({ account_id: alice, rules: '{}', updated_at: 2 }).execute(),
    ).rejects.toThrow();
    await db.deleteFrom('accounts').where('id', '=', alice).execute();
    expect(await db.selectFrom('forwarding_rules').selectAll().execute()).toEqual([]);
  });
});
