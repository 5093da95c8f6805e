import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../server/src/app/server-migrations';
import { SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

// Every foundation migration (0001–0009) on SQLite and on PostgreSQL: each
// is applied alone on top of its predecessors and its schema is exercised.

// the migrations create the schema: the tests work on an untyped db
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const FOUNDATION = SERVER_MIGRATIONS.filter((m) => /^000\d-/.test(m.name));

describe.each(['sqlite', 'postgres'] as const)('foundation migrations on %s', (dialect) => {
  const openFreshDb = useFreshServerDatabases(dialect, 'sb-mig-');

  /** A fresh, empty database (not migrated). */
  async function freshDb(): Promise<AnyDb> {
    return (await openFreshDb()) as unknown as AnyDb;
  }

  async function columnsOf(db: AnyDb, table: string): Promise<string[]> {
    const tables = await db.introspection.getTables();
    return (tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? []).sort();
  }

  async function upTo(db: AnyDb, name: string): Promise<void> {
    await runMigrations(db, { upTo: name });
  }

  it('lists the foundation migrations in order, 0001 first', () => {
    expect(FOUNDATION.map((m) => m.name)).toEqual([
      '0001-accounts',
      '0002-refresh-tokens',
      '0003-server-settings',
      '0004-kamailio-subscriber',
    ]);
  });

  it('0001-accounts: accounts with a unique number', async () => {
    const db = await freshDb();
    await upTo(db, '0001-accounts');
    expect(await columnsOf(db, 'accounts')).toEqual(
      [
        'id',
        'number',
        'display_name',
        'email',
        'mobile',
        'password_hash',
        'must_change_password',
        'failed_attempts',
        'last_failed_at',
        'locked_until',
        'last_login_at',
        'created_at',
        'updated_at',
      ].sort(),
    );
    expect(await columnsOf(db, 'refresh_tokens')).toEqual([]);
    const row = { number: '100', display_name: 'A', password_hash: 'h', created_at: 1_795_000_000_000, updated_at: 1 };
    const inserted = await db
      .insertInto('accounts')
      .values(row)
      .returning(['id', 'failed_attempts', 'must_change_password', 'created_at'])
      .executeTakeFirstOrThrow();
    // defaults, generated id, BIGINT epoch ms read back as a number
    expect(inserted).toEqual({
      id: expect.any(Number),
      failed_attempts: 0,
      must_change_password: 0,
      created_at: 1_795_000_000_000,
    });
    await expect(db.insertInto('accounts').values(row).execute()).rejects.toThrow();
  });

  it('0002-refresh-tokens: unique hash, cascade delete with the account', async () => {
    const db = await freshDb();
    await upTo(db, '0002-refresh-tokens');
    const { id } = await db
      .insertInto('accounts')
      .values({ number: '100', display_name: 'A', password_hash: 'h', created_at: 1, updated_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const token = { account_id: id, token_hash: 'a'.repeat(64), family_id: 'f', created_at: 1, expires_at: 2 };
    await db.insertInto('refresh_tokens').values(token).execute();
    await expect(db.insertInto('refresh_tokens').values(token).execute()).rejects.toThrow();
    await expect(
      db
        .insertInto('refresh_tokens')
        .values({ ...token, token_hash: 'b', account_id: id + 99 })
        .execute(),
    ).rejects.toThrow(); // foreign key
    await db.deleteFrom('accounts').where('id', '=', id).execute();
    expect(await db.selectFrom('refresh_tokens').selectAll().execute()).toEqual([]);
  });

  it('0003-server-settings: key/value with a primary key', async () => {
    const db = await freshDb();
    await upTo(db, '0003-server-settings');
    await db.insertInto('server_settings').values({ key: 'k', value: '{"a":1}' }).execute();
    await expect(db.insertInto('server_settings').values({ key: 'k', value: 'x' }).execute()).rejects.toThrow();
    expect(await db.selectFrom('server_settings').select('value').executeTakeFirst()).toEqual({ value: '{"a":1}' });
  });

  it("0004-kamailio-subscriber: Kamailio's subscriber + version tables and versions", async () => {
    const db = await freshDb();
    await upTo(db, '0004-kamailio-subscriber');
    expect(await columnsOf(db, 'subscriber')).toEqual(['domain', 'ha1', 'ha1b', 'id', 'password', 'username']);
    expect(await columnsOf(db, 'version')).toEqual(['id', 'table_name', 'table_version']);
    const versions = await db
      .selectFrom('version')
      .select(['table_name', 'table_version'])
      .orderBy('table_name')
      .execute();
    expect(versions).toEqual([
      { table_name: 'subscriber', table_version: 7 },
      { table_name: 'version', table_version: 1 },
    ]);
    await db.insertInto('subscriber').values({ username: '100', domain: 'd', ha1: 'x' }).execute();
    const row = await db.selectFrom('subscriber').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ username: '100', domain: 'd', password: '', ha1: 'x', ha1b: '' });
    await expect(db.insertInto('subscriber').values({ username: '100', domain: 'd' }).execute()).rejects.toThrow();
  });

  it('running all migrations twice is a no-op the second time', async () => {
    const db = await freshDb();
    const first = await runMigrations(db);
    expect(first.results?.length).toBe(SERVER_MIGRATIONS.length);
    const second = await runMigrations(db);
    expect(second.results).toEqual([]);
    const count = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM version`.execute(db);
    expect(Number(count.rows[0]?.n)).toBe(2);
  });
});
