import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/platform/db/database';
import { runMigrations } from '../../../server/src/app/server-migrations';
import { SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

// Every data-side migration (0010 and up) on SQLite and PostgreSQL: applied
// on top of its predecessors, then its schema exercised.

const DATA = SERVER_MIGRATIONS.filter((m) => Number(m.name.slice(0, 4)) >= 10);

describe.each(['sqlite', 'postgres'] as const)('data migrations on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-dmig-');

  async function columnsOf(db: Kysely<Database>, table: string): Promise<string[]> {
    const tables = await db.introspection.getTables();
    return (tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? []).sort();
  }

  it('lists the data migrations in order', () => {
    expect(DATA.map((m) => m.name)).toEqual([
      '0010-directory-entries',
      '0011-changes',
      '0012-idempotency-keys',
      '0013-account-photos',
      '0014-voicemails',
      '0015-presence',
      '0016-messages',
      '0017-sip-credentials',
      '0020-favorites',
      '0021-devices',
      '0022-trunks',
      '0023-message-sip-delivery',
      '0024-forwarding',
      '0025-call-records',
      '0026-conferences',
      '0027-message-hidden',
      '0028-account-personal-data',
    ]);
  });

  it('0010-directory-entries: entries with a primary key, owner cascade, BIGINT times', async () => {
    const db = await freshDb();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0010-directory-entries' });
    expect(await columnsOf(db, 'directory_entries')).toEqual(
      [
        'id',
        'source',
        'owner_account_id',
        'display_name',
        'name_key',
        'first_name',
        'last_name',
        'company',
        'email',
        'numbers',
        'photo_url',
        'hand_edited',
        'updated_at',
      ].sort(),
    );
    expect(await columnsOf(db, 'changes')).toEqual([]);
    const owner = await insertTestAccount(db, '100');
    const entry = {
      id: 'personal:1',
      source: 'personal' as const,
      owner_account_id: owner,
      display_name: 'Hans Müller',
      name_key: 'hans muller',
      numbers: '[]',
      updated_at: 1_795_000_000_000,
    };
    await db.insertInto('directory_entries').values(entry).execute();
    await db
      .insertInto('directory_entries')
      .values({ ...entry, id: 'global:1', source: 'global' as const, owner_account_id: null })
      .execute();
    await expect(db.insertInto('directory_entries').values(entry).execute()).rejects.toThrow();
    const read = await db
      .selectFrom('directory_entries')
      .selectAll()
      .where('id', '=', 'personal:1')
      .executeTakeFirstOrThrow();
    expect(read).toMatchObject({ hand_edited: 0, updated_at: 1_795_000_000_000, first_name: null });
    await db.deleteFrom('accounts').where('id', '=', owner).execute();
    expect(await db.selectFrom('directory_entries').select('id').execute()).toEqual([{ id: 'global:1' }]);
  });

  it('0011-changes: revisions increase and are never reused after deleting the last one', async () => {
    const db = await freshDb();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0011-changes' });
    expect(await columnsOf(db, 'changes')).toEqual(['changed_at', 'entry_id', 'op', 'owner_account_id', 'revision']);
    const insert = async (entryId: string): Promise<number> =>
      Number(
        (
          await db
            .insertInto('changes')
            .values({ owner_account_id: null, entry_id: entryId, op: 'upsert', changed_at: 1 })
            .returning('revision')
            .executeTakeFirstOrThrow()
        ).revision,
      );
    const first = await insert('a');
    const second = await insert('b');
    expect(second).toBeGreaterThan(first);
    await db.deleteFrom('changes').where('revision', '=', second).execute();
    expect(await insert('c')).toBeGreaterThan(second);
  });

  it('0012-idempotency-keys: one reply per (account, key)', async () => {
    const db = await freshDb();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0012-idempotency-keys' });
    const owner = await insertTestAccount(db, '100');
    const other = await insertTestAccount(db, '101');
    const row = {
      account_id: owner,
      idem_key: 'k',
      request: 'POST /contacts',
      status_code: 200,
      response: '{}',
      created_at: 1,
    };
    await db.insertInto('idempotency_keys').values(row).execute();
    await expect(db.insertInto('idempotency_keys').values(row).execute()).rejects.toThrow();
    // the same key from another account is another request
    await db
      .insertInto('idempotency_keys')
      .values({ ...row, account_id: other })
      .execute();
    expect(await db.selectFrom('idempotency_keys').select('account_id').orderBy('account_id').execute()).toHaveLength(
      2,
    );
  });
});
