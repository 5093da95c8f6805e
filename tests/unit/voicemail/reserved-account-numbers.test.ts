import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountError, createAccount, findAccountByNumber } from '../../../server/src/accounts/account-service';
import { resolveServerConfig } from '../../../server/src/config';
import { openServerDatabase, type OpenDatabase } from '../../../server/src/db/database';
import type { ServerContext } from '../../../server/src/server-context';

// Kamailio sends `voicemail` and `vm<ext>` to the voicemail service
// (route[VOICEMAIL_URI]): an account with such a number could never be
// called, and "voicemail" would clash with the service's SIP user. They are
// refused with a clear message, and nothing is written.

describe('createAccount refuses the numbers of the voicemail routing', () => {
  let dir: string;
  let database: OpenDatabase;
  let ctx: ServerContext;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-vmnum-'));
    database = await openServerDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
    ctx = {
      db: database.db,
      dialect: database.dialect,
      config: resolveServerConfig({ dataDir: dir }, { tokenSecret: randomBytes(32) }),
      clock: { now: () => 1_795_000_000_000 },
    };
  });

  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (number: string) => createAccount(ctx, { number, displayName: 'Someone', password: 'Welcome1!' });

  it.each(['voicemail', 'VoiceMail', 'VOICEMAIL', 'vm101', 'VM101', 'vm', 'vmx', 'Vm.boss'])(
    'refuses %s',
    async (number) => {
      const error = await create(number).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AccountError);
      expect((error as Error).message).toBe(
        `Invalid number ${JSON.stringify(number)}: "voicemail" and numbers starting with "vm" are reserved for the voicemail service`,
      );
      expect(await findAccountByNumber(ctx.db, number)).toBeUndefined();
      expect(await ctx.db.selectFrom('subscriber').select('username').where('username', '=', number).execute()).toEqual(
        [],
      );
    },
  );

  it.each(['100', 'voicemail2', 'avm1', 'v', 'mv1', 'alice.vm'])('accepts %s', async (number) => {
    const row = await create(number);
    expect(row.number).toBe(number);
    expect(await findAccountByNumber(ctx.db, number)).toBeDefined();
  });
});
