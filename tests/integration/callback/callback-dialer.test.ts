/**
 * Callback (SPEC B5, J4 "callback preferred"): 100 places a call from the app;
 * the server rings 100's CallMe phone (102: baresip over UDP) first, and once
 * it answers REFERs it to the destination (101, an app over WebSocket), which
 * sees 100's number — also out through the trunk (the carrier gets 100's DID).
 * Associated dialing (J4): only 100's desk phone rings (not 100's app), then
 * it calls the destination. An emergency number is never placed by callback:
 * the app dials it itself. POST /me/calls/place and its `callback-progress`
 * live events. Real Kamailio, rtpengine, UC server, baresip and a carrier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultForwardingRules, type DialMode } from '../../../src-preload/contract/forwarding';
import { ForwardingService } from '../../../server/src/features/forwarding';
import { CallbackDialer, type CallbackPhase } from '../../../server/src/features/callback';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { placeCallResultSchema, type PlaceCallResult } from '../../../src-preload/contract/forwarding';
import { BaresipClient, type BaresipEvent } from '../../support/baresip-client';
import { loginAccessToken } from '../../support/login-access-token';
import { openLiveEvents } from '../../support/open-live-events';
import { liveEventSchema, type LiveEvent } from '../../../src-preload/contract/ipc-contract';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { addDevice } from '../../../server/src/features/devices';
import { SipCarrier } from '../../support/sip-carrier';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { addDid, addTrunk, readDialPlanSettings, writeDialPlanSettings } from '../../../server/src/features/trunks';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Carla Callback' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Destination' },
  { number: '102', password: 'Welcome102!', displayName: 'Carla Mobile' },
];

describe('callback: the CallMe phone rings first, then the destination', () => {
  let stack: UcStack;
  let bruno: TestPhone;
  let mobile: BaresipClient;
  let dialer: CallbackDialer;
  let carrier: SipCarrier;
  let carla: TestPhone;
  let desk: BaresipClient;
  let carlaRings = 0;
  let carlaId: number;
  const brunoCalls: Call[] = [];
  const seen = new Set<BaresipEvent>();

  const setDialMode = async (dialMode: DialMode): Promise<void> => {
    const ctx = stack.ctx!;
    const rules = defaultForwardingRules('UTC');
    rules.callMe = { enabled: false, number: '102' };
    rules.dialMode = dialMode;
    await new ForwardingService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock }).set(carlaId, rules);
  };

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    bruno = createPhone(sip, '101');
    expect((await bruno.engine.start()).status).toBe('registered');
    bruno.engine.onDidReceiveCall((call) => brunoCalls.push(call));
    mobile = await BaresipClient.start({
      user: '102',
      password: await stack.sipPasswordOf('102'),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { toneHz: 440 },
      address: '127.0.0.2',
      sipTrace: true,
    });
    const ctx = stack.ctx!;
    carlaId = (await ctx.db.selectFrom('accounts').select('id').where('number', '=', '100').executeTakeFirstOrThrow())
      .id;
    // Carla's app, and her desk phone (a device of 100, add-device)
    carla = createPhone(sip, '100');
    expect((await carla.engine.start()).status).toBe('registered');
    carla.engine.onDidReceiveCall(() => (carlaRings += 1));
    const { device, password } = await addDevice(ctx, '100', 'Desk phone');
    desk = await BaresipClient.start({
      user: '100',
      authUser: device.sip_user,
      password,
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { toneHz: 660 },
      address: '127.0.0.4',
    });
    // the public network: a carrier behind a trunk; Carla's DID is 01 23 45 67 89, the mobile (102) has none
    carrier = await SipCarrier.start({ host: '127.0.0.3' });
    await writeDialPlanSettings(ctx.db, { outsidePrefix: '0', country: 'FR' });
    await addTrunk(
      ctx.db,
      {
        name: 'carrier',
        address: `${carrier.host}:${carrier.port}`,
        sources: [carrier.host],
        numberFormat: 'national',
      },
      Date.now(),
    );
    await addDid(ctx.db, { did: '+33 1 23 45 67 89', account: '100' }, await readDialPlanSettings(ctx.db), Date.now());
    dialer = new CallbackDialer(ctx, {
      wsUrl: stack.kamailio.wsUrl,
      domain: stack.kamailio.domain,
      bindAddress: '127.0.0.1',
    });
    await dialer.start();
  }, 60_000);

  afterAll(async () => {
    if (process.env.SB_CB_LOG) console.log(stack.kamailio.process.logTail?.(300));
    await dialer?.stop();
    await mobile?.stop();
    await desk?.stop();
    await carla?.dispose();
    carrier?.close();
    await bruno?.dispose();
    await stack?.stop();
  });

  it('rings the CallMe phone, then it calls the destination, which sees the user’s number', async () => {
    await setDialMode('callback');
    const placed = await dialer.place(carlaId, '101');
    expect(placed.by).toBe('callback');
    if (placed.by !== 'callback') return;
    const phases: CallbackPhase[] = [placed.callback.phase];
    placed.callback.onDidChange((p) => phases.push(p));

    seen.add(await mobile.waitForEvent('the CallMe phone rings', (e) => e.type === 'CALL_INCOMING', 10_000));
    expect(brunoCalls).toHaveLength(0);
    await mobile.command('accept');

    await waitFor('the destination rings', () => brunoCalls.length === 1, 15_000);
    const call = brunoCalls[0]!;
    expect(call.peer).toBe('100');
    await call.answer();
    await waitFor('connected', () => call.state === CallState.Established, 10_000);
    expect(await placed.callback.done).toBe('connected');
    expect(phases).toEqual(['calling-callme', 'connecting', 'connected']);
    // phone and destination talk directly (through rtpengine's bridge): the destination hears the phone
    await waitFor(
      'the phone’s audio reaches the destination',
      () => (bruno.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 25,
      10_000,
    );
    await call.hangup();
    await mobile.waitForEvent('the phone hangs up', (e) => e.type === 'CALL_CLOSED', 10_000);
  });

  it('to an external number: the phone’s call goes out through the trunk as the user’s DID', async () => {
    await setDialMode('callback');
    const placed = await dialer.place(carlaId, '0612345678');
    if (placed.by !== 'callback') throw new Error(`placed by ${placed.by}`);
    seen.add(
      await mobile.waitForEvent('the CallMe phone rings', (e) => e.type === 'CALL_INCOMING' && !seen.has(e), 10_000),
    );
    await mobile.command('accept');
    // the carrier answers 486: the phone reports it, the callback fails
    expect(await placed.callback.done).toBe('failed');
    const invite = carrier.invites.at(-1)!;
    expect(invite.requestUri).toBe(`sip:0612345678@${carrier.host}:${carrier.port}`);
    expect(invite.header('P-Asserted-Identity')).toBe(`<sip:0123456789@${carrier.host}>`);
    expect(invite.header('From')).toMatch(/<sip:0123456789@/);
    expect(invite.text).not.toMatch(/uc-cb=/);
  });

  it('associated dialing: the desk phone rings (not the app), then calls the destination as the user', async () => {
    await setDialMode('associated');
    const before = brunoCalls.length;
    const placed = await dialer.place(carlaId, '101');
    if (placed.by !== 'callback') throw new Error(`placed by ${placed.by}`);
    await desk.waitForEvent('the desk phone rings', (e) => e.type === 'CALL_INCOMING', 10_000);
    await desk.command('accept');
    await waitFor('the destination rings', () => brunoCalls.length === before + 1, 15_000);
    const call = brunoCalls.at(-1)!;
    expect(call.peer).toBe('100');
    await call.answer();
    expect(await placed.callback.done).toBe('connected');
    expect(carlaRings).toBe(0);
    await call.hangup();
    await desk.waitForEvent('the desk phone hangs up', (e) => e.type === 'CALL_CLOSED', 10_000);
  });

  it('an emergency number is never placed by callback: the app dials it itself', async () => {
    await setDialMode('callback');
    for (const number of ['112', '15', '17', '18', '911']) {
      expect(await dialer.place(carlaId, number)).toEqual({ by: 'app', reason: 'emergency' });
    }
  });

  /** POST /me/calls/place as Carla (the app's question). */
  const placeOverHttp = async (destination: string): Promise<PlaceCallResult> => {
    const token = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    const res = await fetch(`${stack.apiUrl}/me/calls/place`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ destination }),
    });
    expect(res.status).toBe(200);
    return placeCallResultSchema.parse(await res.json());
  };

  it('over HTTP: the app asks, the server rings the CallMe phone and reports progress; 112 is the app’s to dial', async () => {
    const unauthenticated = await fetch(`${stack.apiUrl}/me/calls/place`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ destination: '101' }),
    });
    expect(unauthenticated.status).toBe(401);
    await setDialMode('callback');
    expect(await placeOverHttp('112')).toEqual({ by: 'app', reason: 'emergency' });
    const live = await openLiveEvents(stack.apiUrl, await loginAccessToken(stack.apiUrl, '100', 'Welcome100!'));
    const events: LiveEvent[] = [];
    live.socket.on('message', (data) => events.push(liveEventSchema.parse(JSON.parse(String(data)))));
    try {
      const placed = await placeOverHttp('101');
      if (placed.by !== 'callback') throw new Error(`placed by ${placed.by}`);
      expect(placed.phase).toBe('calling-callme');
      seen.add(
        await mobile.waitForEvent('the CallMe phone rings', (e) => e.type === 'CALL_INCOMING' && !seen.has(e), 10_000),
      );
      // the CallMe phone refuses: the app hears it failed
      await mobile.command('hangup');
      await waitFor(
        'callback-progress failed',
        () => events.some((e) => e.type === 'callback-progress' && e.id === placed.id && e.phase === 'failed'),
        10_000,
      );
    } finally {
      live.socket.terminate();
    }
    await setDialMode('app');
    expect(await placeOverHttp('101')).toEqual({ by: 'app', reason: 'dial-mode' });
  });

  it('in app mode the app dials', async () => {
    await setDialMode('app');
    expect(await dialer.place(carlaId, '101')).toEqual({ by: 'app', reason: 'dial-mode' });
  });
});
