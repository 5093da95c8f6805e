/**
 * Migration 0015-presence on SQLite and PostgreSQL: applied on top of its
 * predecessors, one row per account, the state/visibility lists and "no
 * return time with office" enforced by the database, BIGINT times, rows
 * deleted with their account.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDatabase, type OpenDatabase } from '../../../server/src/db/database';
import { runMigrations } from '../../../server/src/db/migrate';
import { SERVER_MIGRATIONS } from '../../../server/src/db/migrations/index';
import type { PresenceTables } from '../../../server/src/presence/presence-tables';
import { startPostgres, type PostgresFixture } from '../../support/postgres-fixture';

describe.each(['sqlite', 'postgres'] as const)('migration 0015-presence on %s', (dialect) => {
  let postgres: PostgresFixture | undefined;
  let tempDir: string;
  let opened: OpenDatabase | undefined;

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'sb-presmig-'));
    if (dialect === 'postgres') postgres = await startPostgres();
  });
  afterAll(async () => {
    await opened?.close();
    await postgres?.stop();
    rmSync(tempDir, { recursive: true, force: true });
  });

  it('is listed once, after the account photos', () => {
    const names = SERVER_MIGRATIONS.map((m) => m.name);
    expect(names.filter((n) => n === '0015-presence')).toHaveLength(1);
    expect(names.indexOf('0015-presence')).toBeGreaterThan(names.indexOf('0013-account-photos'));
  });

  it('one row per account, checked values, deleted with the account', async () => {
    const url = postgres ? await postgres.createDatabase() : `sqlite:${join(tempDir, 'db.sqlite')}`;
    opened = await openServerDatabase(url, { migrate: false });
    const base = opened.db;
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0013-account-photos' });
    expect((await base.introspection.getTables()).map((t) => t.name)).not.toContain('presence');
    await runMigrations(base as unknown as Kysely<unknown>, { upTo: '0015-presence' });
    const table = (await base.introspection.getTables()).find((t) => t.name === 'presence');
    expect(table?.columns.map((c) => c.name).sort()).toEqual(
      ['account_id', 'note', 'return_at', 'state', 'updated_at', 'visibility'].sort(),
    );
    const db = base.withTables<PresenceTables>();
    const account = async (number: string) =>
      (
        await base
          .insertInto('accounts')
          .values({
            number,
            display_name: number,
            password_hash: 'h',
            must_change_password: 0,
            created_at: 1,
            updated_at: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const alice = await account('100');
    const bruno = await account('101');
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
