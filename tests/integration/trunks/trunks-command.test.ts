/**
 * The administrator's trunk commands (`npm run server -- add-trunk …`) on a
 * real server database: what they store, what they print (never a password),
 * what they refuse (exit 1, nothing written); and the routes Kamailio gets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/src/features/accounts';
import {
  listTrunks,
  routeInbound,
  routeOutbound,
  runTrunkCommand,
  type TrunkCommand,
  type TrunkCommandOptions,
} from '../../../server/src/features/trunks';
import { ManualClock } from '../../support/manual-clock';
import { openTestServerContext, type TestServerContext } from '../../support/open-test-server-context';

describe('trunk commands and routes', () => {
  let server: TestServerContext;
  let printed: string;

  const run = (command: TrunkCommand, args: string[], options: TrunkCommandOptions = {}): Promise<number> =>
    runTrunkCommand(command, args, options, server.ctx, (text) => void (printed += text));

  beforeEach(async () => {
    server = await openTestServerContext({ prefix: 'sb-trunkcli-', clock: new ManualClock(1_794_000_000_000) });
    printed = '';
    await createAccount(server.ctx, { number: '100', displayName: 'Alice', password: 'Init-100xy!' });
    await createAccount(server.ctx, { number: '101', displayName: 'Bruno', password: 'Init-101xy!' });
  });
  afterEach(async () => server.close());

  it('adds, lists (password masked) and removes a trunk; maps DIDs', async () => {
    expect(await run('dial-plan', [], { 'outside-prefix': '0', country: 'fr' })).toBe(0);
    expect(printed).toContain('outside prefix: 0');
    expect(printed).toContain('emergency numbers: 112, 15, 17, 18, 911');
    expect(
      await run('add-trunk', ['carrier'], {
        address: 'sip.carrier.example:5080',
        username: 'acme',
        password: 'S3cret-pw',
        sources: '203.0.113.5,203.0.113.6:5060',
        'number-format': 'national',
        'main-number': '+33 1 00 00 00 00',
      }),
    ).toBe(0);
    expect(await run('add-did', ['01 23 45 67 89', '100'])).toBe(0);
    expect(printed).toContain('DID +33123456789 rings 100');
    printed = '';
    expect(await run('list-trunks', [])).toBe(0);
    expect(printed).toContain('sip:sip.carrier.example:5080;transport=udp');
    expect(printed).toContain('auth=acme:***');
    expect(printed).not.toContain('S3cret-pw');

    expect(await routeOutbound(server.ctx.db, '00612345678', '100')).toEqual({
      action: 'trunk',
      emergency: false,
      trunk: 'carrier',
      uri: 'sip:0612345678@sip.carrier.example:5080',
      dst: 'sip:sip.carrier.example:5080;transport=udp',
      from: 'sip:0123456789@sip.carrier.example',
      authUser: 'acme',
      authPassword: 'S3cret-pw',
    });
    // a user without a DID shows the main number
    expect(await routeOutbound(server.ctx.db, '+442079460958', '101')).toMatchObject({
      uri: 'sip:00442079460958@sip.carrier.example:5080',
      from: 'sip:0100000000@sip.carrier.example',
    });
    expect(await routeOutbound(server.ctx.db, '101', '100')).toEqual({ action: 'internal' });
    // our own DID dialed from inside: its user, not the carrier
    expect(await routeOutbound(server.ctx.db, '+33 1 23 45 67 89', '101')).toEqual({ action: 'internal', user: '100' });
    expect(await routeInbound(server.ctx.db, { ip: '203.0.113.6', port: 5060 }, '+33123456789', '0698765432')).toEqual({
      trunk: true,
      action: 'ring',
      name: 'carrier',
      user: '100',
      caller: '+33698765432',
    });
    // a trusted address with a port: only from that port
    expect(await routeInbound(server.ctx.db, { ip: '203.0.113.6', port: 5070 }, '+33123456789', 'x')).toEqual({
      trunk: false,
    });

    expect(await run('remove-trunk', ['carrier'])).toBe(0);
    expect(await listTrunks(server.ctx.db)).toEqual([]);
    expect(await routeOutbound(server.ctx.db, '+33612345678', '100')).toEqual({
      action: 'reject',
      code: 503,
      reason: 'No Trunk For External Calls',
      refusal: 'no-outside-line',
    });
  });

  it('refuses bad input with a message and writes nothing', async () => {
    expect(await run('add-trunk', ['carrier'], { address: 'sip.carrier.example' })).toBe(1); // no auth, no sources
    expect(await run('add-trunk', ['carrier'], { address: 'x:99999', sources: '10.0.0.1' })).toBe(1);
    expect(await run('add-trunk', ['carrier'], { address: 'x', sources: '10.0.0.300' })).toBe(1);
    expect(await run('add-trunk', ['carrier'], { address: 'x', username: 'u' })).toBe(1); // no password
    expect(await run('add-trunk', ['carrier'], { address: 'x', sources: '10.0.0.1', 'number-format': 'weird' })).toBe(
      1,
    );
    expect(await listTrunks(server.ctx.db)).toEqual([]);
    expect(await run('add-did', ['+33123456789', '999'])).toBe(1); // no such account
    expect(await run('add-did', ['hello', '100'])).toBe(1);
    expect(await run('dial-plan', [], { emergency: '' })).toBe(1);
    expect(await run('dial-plan', [], { country: 'XX' })).toBe(1);
    expect(await run('remove-trunk', ['nope'])).toBe(1);
  });
});
