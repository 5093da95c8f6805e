import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../server/src/app/server-migrations';
import { insertTestAccount } from '../../support/insert-test-account';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

// Migration 0028 (issue #16) on SQLite and PostgreSQL: existing accounts keep their data and get
// an empty other number and no voicemail PIN; both columns take values afterwards.

describe.each(['sqlite', 'postgres'] as const)('0028-account-personal-data on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-pd-mig-');

  it('adds other_number and voicemail_pin_hash, null for existing accounts', async () => {
    const db = await freshDb();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0027-message-hidden' });
    const id = await insertTestAccount(db, '100', 'Alice');
    await db.updateTable('accounts').set({ mobile: '+49 170 1234567' }).where('id', '=', id).execute();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0028-account-personal-data' });
    const before = await db
      .selectFrom('accounts')
      .select(['number', 'mobile', 'other_number', 'voicemail_pin_hash'])
      .executeTakeFirstOrThrow();
    expect(before).toEqual({ number: '100', mobile: '+49 170 1234567', other_number: null, voicemail_pin_hash: null });
    const hash = `scrypt$32768$8$1$${'a'.repeat(24)}$${'b'.repeat(44)}`;
    await db
      .updateTable('accounts')
      .set({ other_number: '+33 1 23 45 67 89', voicemail_pin_hash: hash })
      .where('id', '=', id)
      .execute();
    const after = await db
      .selectFrom('accounts')
      .select(['other_number', 'voicemail_pin_hash'])
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ other_number: '+33 1 23 45 67 89', voicemail_pin_hash: hash });
  });
});
