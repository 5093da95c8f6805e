/**
 * Server migration 0025-call-records on SQLite and PostgreSQL: applied on top of its predecessors,
 * then its constraints exercised.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations, SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

describe.each(['sqlite', 'postgres'] as const)('migration 0025-call-records on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-cmig-');

  it('is listed after its predecessors', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names.indexOf('0025-call-records')).toBeGreaterThan(names.indexOf('0020-favorites'));
  });

  it('keeps one record per account, call and direction, one revision row, and cascades with the account', async () => {
    const db = await freshDb();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0025-call-records' });
    const a = await insertTestAccount(db, '100');
    const b = await insertTestAccount(db, '101');
    expect(await db.selectFrom('call_record_revision').selectAll().execute()).toEqual([{ id: 1, revision: 0 }]);
    await expect(db.insertInto('call_record_revision').values({ id: 2, revision: 0 }).execute()).rejects.toThrow();
    const row = {
      account_id: a,
      call_id: 'abc@host',
      direction: 'out' as const,
      peer: '101',
      peer_name: 'Bruno',
      peer_internal: 1,
      result: 'answered',
      device_kind: 'app',
      via: null,
      origin: null,
      origin_number: null,
      started_at: 1_795_000_000_000,
      answered_at: 1_795_000_001_000,
      ended_at: 1_795_000_061_000,
      read_at: null,
      deleted: 0,
      revision: 1,
    };
    await db.insertInto('call_records').values(row).execute();
    await db
      .insertInto('call_records')
      .values({ ...row, account_id: b, direction: 'in', peer: '100' })
      .execute();
    // the same party twice for one call, or a direction that is neither: refused by the schema
    await expect(db.insertInto('call_records').values(row).execute()).rejects.toThrow();
    await expect(
      db
        .insertInto('call_records')
        .values({ ...row, call_id: 'x', direction: 'up' as 'in' })
        .execute(),
    ).rejects.toThrow();
    const stored = await db
      .selectFrom('call_records')
      .selectAll()
      .where('account_id', '=', a)
      .executeTakeFirstOrThrow();
    expect(Number(stored.ended_at)).toBe(1_795_000_061_000);
    await db.deleteFrom('accounts').where('id', '=', a).execute();
    expect((await db.selectFrom('call_records').selectAll().execute()).map((r) => r.account_id)).toEqual([b]);
  });
});
