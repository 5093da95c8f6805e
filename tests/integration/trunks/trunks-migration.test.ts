/**
 * Migration 0022-trunks on SQLite and PostgreSQL: applied on top of its
 * predecessors; trunk names unique; a DID once; DIDs deleted with their account.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations, SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import type { TrunksTables } from '../../../server/src/features/trunks';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

describe.each(['sqlite', 'postgres'] as const)('migration 0022-trunks on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-trunkmig-');

  it('is listed once, after 0020', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names.filter((n) => n === '0022-trunks')).toHaveLength(1);
    expect(names.indexOf('0022-trunks')).toBeGreaterThan(names.indexOf('0020-favorites'));
  });

  it('creates the tables; unique trunk name and DID; DIDs go with their account', async () => {
    const base = await freshDb();
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0020-favorites' });
    expect((await base.introspection.getTables()).map((t) => t.name)).not.toContain('trunks');
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0022-trunks' });
    const db = base.withTables<TrunksTables & { accounts: { id: number } }>();
    const trunk = {
      name: 'carrier',
      host: '203.0.113.5',
      port: 5060,
      transport: 'udp' as const,
      auth_username: 'u',
      auth_password: 'p',
      sources: '["203.0.113.5"]',
      number_format: 'e164' as const,
      country: 'FR',
      main_number: null,
      priority: 0,
      created_at: 1_794_000_000_000,
    };
    await db.insertInto('trunks').values(trunk).execute();
    await expect(db.insertInto('trunks').values(trunk).execute()).rejects.toThrow();
    expect(await db.selectFrom('trunks').select(['name', 'port', 'sources']).execute()).toEqual([
      { name: 'carrier', port: 5060, sources: '["203.0.113.5"]' },
    ]);
    const alice = await insertTestAccount(base, '100');
    const did = { number: '+33123456789', account_id: alice, created_at: 1_794_000_000_000 };
    await db.insertInto('dids').values(did).execute();
    await expect(db.insertInto('dids').values(did).execute()).rejects.toThrow();
    await db.deleteFrom('accounts').where('id', '=', alice).execute();
    expect(await db.selectFrom('dids').selectAll().execute()).toEqual([]);
  });
});
