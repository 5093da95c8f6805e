import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../server/src/app/server-migrations';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

// Migration 0014-voicemails on SQLite and PostgreSQL, applied on top of its
// predecessors: columns, defaults, BIGINT times, owner cascade.

describe.each(['sqlite', 'postgres'] as const)('migration 0014-voicemails on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-vmmig-');

  it('creates voicemails: owner cascade, new by default, epoch-ms times', async () => {
    const db = await freshDb();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0013-account-photos' });
    expect((await db.introspection.getTables()).some((t) => t.name === 'voicemails')).toBe(false);
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0014-voicemails' });
    const table = (await db.introspection.getTables()).find((t) => t.name === 'voicemails');
    expect(table?.columns.map((c) => c.name).sort()).toEqual(
      [
        'id',
        'account_id',
        'caller_number',
        'caller_name',
        'received_at',
        'duration_ms',
        'path',
        'listened',
        'listened_at',
      ].sort(),
    );
    const owner = await insertTestAccount(db, '101', 'Bruno');
    const at = 1_795_000_000_000;
    await db
      .insertInto('voicemails')
      .values({
        id: 'a',
        account_id: owner,
        caller_number: '100',
        caller_name: null,
        received_at: at,
        duration_ms: 2500,
        path: 'voicemail/1/a.wav',
        listened_at: null,
      })
      .execute();
    const row = await db.selectFrom('voicemails').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ listened: 0, listened_at: null, caller_name: null, duration_ms: 2500 });
    expect(Number(row.received_at)).toBe(at);
    // an unknown owner is refused; the owner's deletion removes its messages
    await expect(
      db
        .insertInto('voicemails')
        .values({ ...row, id: 'b', account_id: owner + 1000 })
        .execute(),
    ).rejects.toThrow();
    await db.deleteFrom('accounts').where('id', '=', owner).execute();
    expect(await db.selectFrom('voicemails').select('id').execute()).toEqual([]);
  });
});
