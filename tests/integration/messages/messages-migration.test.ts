/**
 * Server migration 0016-messages on SQLite and PostgreSQL: applied on top of
 * its predecessors, then its constraints exercised.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../server/src/app/server-migrations';
import { SERVER_MIGRATIONS } from '../../../server/src/app/server-migrations';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

describe.each(['sqlite', 'postgres'] as const)('migration 0016-messages on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-mmig-');

  it('is listed after its predecessors', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names).toContain('0016-messages');
    expect(names.indexOf('0016-messages')).toBeGreaterThan(names.indexOf('0013-account-photos'));
  });

  it('stores messages between accounts, checks the text, keeps one revision row, cascades with the account', async () => {
    const db = await freshDb();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0016-messages' });
    const a = await insertTestAccount(db, '100');
    const b = await insertTestAccount(db, '101');
    expect(await db.selectFrom('message_revision').selectAll().execute()).toEqual([{ id: 1, revision: 0 }]);
    // a single-row counter: a second row is refused
    await expect(db.insertInto('message_revision').values({ id: 2, revision: 0 }).execute()).rejects.toThrow();

    const row = {
      sender_account_id: a,
      recipient_account_id: b,
      body: 'Bonjour',
      sent_at: 1_795_000_000_000,
      read_at: null,
      revision: 1,
      client_key: 'k1',
    };
    const first = await db.insertInto('messages').values(row).returning('id').executeTakeFirstOrThrow();
    const second = await db
      .insertInto('messages')
      .values({ ...row, sender_account_id: b, recipient_account_id: a, revision: 2, client_key: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    const read = await db.selectFrom('messages').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(read).toMatchObject({ body: 'Bonjour', sent_at: 1_795_000_000_000, read_at: null, client_key: 'k1' });
    expect(Number(read.revision)).toBe(1);
    // empty and oversized bodies are refused by the schema itself
    await expect(
      db
        .insertInto('messages')
        .values({ ...row, body: '' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('messages')
        .values({ ...row, body: 'x'.repeat(4001) })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('messages')
        .values({ ...row, recipient_account_id: b + 99 })
        .execute(),
    ).rejects.toThrow();
    await db
      .insertInto('messages')
      .values({ ...row, body: 'x'.repeat(4000) })
      .execute();
    // deleting an account deletes the messages it sent or received
    await db.deleteFrom('accounts').where('id', '=', b).execute();
    expect(await db.selectFrom('messages').select('id').execute()).toEqual([]);
  });
});
