import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountError,
  createAccount,
  findAccountByNumber,
} from '../../../server/src/features/accounts/account-service';
import type { ServerContext } from '../../../server/src/platform/server-context';
import { openTestServerContext, type TestServerContext } from '../../support/open-test-server-context';

// Kamailio sends `voicemail` and `vm<ext>` to the voicemail service
// (route[VOICEMAIL_URI]): an account with such a number could never be
// called, and "voicemail" would clash with the service's SIP user. They are
// refused with a clear message, and nothing is written.

describe('createAccount refuses the numbers of the voicemail routing', () => {
  let server: TestServerContext;
  let ctx: ServerContext;

  beforeEach(async () => {
    server = await openTestServerContext({ prefix: 'sb-vmnum-', clock: { now: () => 1_795_000_000_000 } });
    ctx = server.ctx;
  });

  afterEach(async () => {
    await server.close();
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
