/**
 * The app honours the dial mode (SPEC J4, B5; issue #12 item 8) through the real stack: Carla (100)
 * uses the app (an AppCore with a werift media host, as the desktop app composes it) and has a
 * desk phone (baresip, add-device). She chooses "associated dialing" in the app's forwarding
 * settings and dials 101 from the app: the app places no call itself — the UC server rings her
 * desk phone (not her app), the desk phone calls 101, who sees Carla's number and hears the desk
 * phone; the app shows the progress up to "connected". In "callback preferred" mode 112 goes
 * straight out from the app to the carrier (SPEC G), the CallMe phone never rings.
 * Real Kamailio, rtpengine, UC server (its /me/calls/place), baresip and a carrier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackView, CallView, SessionState } from '../../../src-preload/contract/ipc-contract';
import {
  defaultForwardingRules,
  type DialMode,
  type ForwardingRules,
  type ForwardingView,
} from '../../../src-preload/contract/forwarding';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { addDevice } from '../../../server/src/features/devices';
import { addDid, addTrunk, readDialPlanSettings, writeDialPlanSettings } from '../../../server/src/features/trunks';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { SWITCHBOARD_USER_AGENT } from '../../../src-preload/contract/platform';
import {
  CALL_HISTORY_PATH,
  callHistoryResponseSchema,
  type CallRecord,
} from '../../../src-preload/contract/calls/call-history-http';
import { loginAccessToken } from '../../support/login-access-token';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { BaresipClient } from '../../support/baresip-client';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { SipCarrier } from '../../support/sip-carrier';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { WeriftMediaHost } from '../../support/werift-media-host';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Carla Associated' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Destination' },
];

describe('the app dials as the user’s dial mode says', () => {
  let stack: UcStack;
  let bruno: TestPhone;
  let desk: BaresipClient;
  let carrier: SipCarrier;
  let app: AppCore;
  let appMedia: WeriftMediaHost;
  let appCalls: CallView[] = [];
  let everAppCalls: CallView[] = [];
  const callbackViews: (CallbackView | null)[] = [];
  const brunoCalls: Call[] = [];

  const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const r = await dispatchInvoke(app, channel, payload);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  /** The user picks a dial mode in Settings › Call forwarding (forwarding.set: PUT /me/forwarding). */
  const chooseDialMode = async (dialMode: DialMode): Promise<void> => {
    const current = await ok<ForwardingView | null>('forwarding.get');
    const rules: ForwardingRules = structuredClone(current?.rules ?? defaultForwardingRules('UTC'));
    rules.dialMode = dialMode;
    if (dialMode === 'callback') rules.callMe = { enabled: false, number: '0699887766' };
    const saved = await ok<ForwardingView>('forwarding.set', rules);
    expect(saved.rules?.dialMode).toBe(dialMode);
  };

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false });
    const ctx = stack.ctx!;
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    bruno = createPhone(sip, '101');
    expect((await bruno.engine.start()).status).toBe('registered');
    bruno.engine.onDidReceiveCall((call) => brunoCalls.push(call));

    // the public network: a carrier behind a trunk; Carla's DID is 01 23 45 67 89
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

    // Carla's desk phone: a device of 100 (add-device), a plain SIP phone playing a 660 Hz tone
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

    // Carla's app
    appMedia = new WeriftMediaHost();
    app = composeAppCore({ dataDir: ':memory:', mediaHost: appMedia });
    app.onEvent(({ channel, payload }) => {
      if (channel === 'calls.onDidChange') {
        appCalls = payload as CallView[];
        everAppCalls = [...everAppCalls, ...appCalls];
      }
      if (channel === 'calls.onDidChangeCallback') callbackViews.push(payload as CallbackView | null);
    });
    const state = await ok<SessionState>('session.login', {
      server: stack.serverAddress,
      user: '100',
      password: 'Welcome100!',
    });
    expect(state.status).toBe('registered');
    for (let i = 0; i < 100 && (await ok<ForwardingView | null>('forwarding.get')) === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 90_000);

  afterAll(async () => {
    if (process.env.SB_CB_LOG) console.log(stack.kamailio.process.logTail?.(300));
    await app?.dispose().catch(() => undefined);
    await appMedia?.dispose().catch(() => undefined);
    await desk?.stop();
    carrier?.close();
    await bruno?.dispose();
    await stack?.stop();
  });

  it('associated dialing: the desk phone rings first, then calls the destination, who sees the user’s number', async () => {
    await chooseDialMode('associated');
    const dialed = await ok<{ callId: string; callback?: CallbackView }>('calls.dial', { target: '101' });
    expect(dialed.callback).toMatchObject({ via: 'desk-phone', peer: '101', phase: 'calling-callme' });
    expect(dialed.callId).toBe(dialed.callback!.id);

    await desk.waitForEvent('the desk phone rings', (e) => e.type === 'CALL_INCOMING', 10_000);
    // the app neither calls nor rings: its call list stays empty
    expect(everAppCalls).toEqual([]);
    expect(brunoCalls).toHaveLength(0);
    await desk.command('accept');

    await waitFor('the destination rings', () => brunoCalls.length === 1, 15_000);
    const call = brunoCalls[0]!;
    expect(call.peer).toBe('100');
    await waitFor('the app says: calling the destination', () => callbackViews.at(-1)?.phase === 'connecting', 10_000);
    await call.answer();
    await waitFor('connected', () => call.state === CallState.Established, 10_000);
    await waitFor('the app says: connected', () => callbackViews.at(-1)?.phase === 'connected', 10_000);
    expect(callbackViews.map((v) => v?.phase)).toEqual(['calling-callme', 'connecting', 'connected']);
    // the destination hears the desk phone (through rtpengine's bridge), not the app
    await waitFor(
      'the desk phone’s audio reaches the destination',
      () => (bruno.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 25,
      10_000,
    );
    expect(everAppCalls).toEqual([]);
    await call.hangup();
    await desk.waitForEvent('the desk phone hangs up', (e) => e.type === 'CALL_CLOSED', 10_000);
    await ok('calls.dismissCallback', { id: dialed.callId });
    expect(await ok<CallbackView | null>('calls.getCallback')).toBeNull();
    // Carla's history has her call to 101 (placed by her desk phone), not the service's leg that rang the phone
    const token = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    const history = async (): Promise<CallRecord[]> => {
      const res = await fetch(`${stack.apiUrl}${CALL_HISTORY_PATH}?since=0&limit=50`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return callHistoryResponseSchema.parse(await res.json()).calls;
    };
    for (let i = 0; i < 100 && !(await history()).some((c) => c.endedAt !== null); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const calls = await history();
    expect(calls.map((c) => [c.direction, c.peer, c.result, c.deviceKind])).toEqual([
      ['out', '101', 'answered', 'sip-phone'],
    ]);
  });

  it('callback preferred: 112 goes straight out from the app to the carrier (never a callback)', async () => {
    await chooseDialMode('callback');
    const before = carrier.invites.length;
    const viewsBefore = callbackViews.length;
    const dialed = await ok<{ callId: string; callback?: CallbackView }>('calls.dial', { target: '112' });
    expect(dialed.callback).toBeUndefined();
    await waitFor('the app calls', () => appCalls.some((c) => c.id === dialed.callId), 5_000);
    await waitFor('the carrier receives 112', () => carrier.invites.length > before, 10_000);
    const invite = carrier.invites.at(-1)!;
    expect(invite.requestUri).toBe(`sip:112@${carrier.host}:${carrier.port}`);
    // from the app (a WebRTC client: its SDP went through rtpengine to plain RTP), as Carla's DID
    expect(invite.header('From')).toMatch(/<sip:0123456789@/);
    expect(invite.header('User-Agent')).toBe(SWITCHBOARD_USER_AGENT);
    // and nothing else went out: no call to the CallMe number (06 99 88 77 66)
    expect(carrier.invites.slice(before).map((i) => i.requestUri)).toEqual(
      carrier.invites.slice(before).map(() => `sip:112@${carrier.host}:${carrier.port}`),
    );
    expect(callbackViews.length).toBe(viewsBefore);
    // the carrier answers busy: the app's call ends by itself
    await waitFor(
      'the app’s call ends',
      () => appCalls.find((c) => c.id === dialed.callId)?.state === 'terminated',
      10_000,
    );
  });

  it('callback preferred: another number is placed through the CallMe number, not by the app', async () => {
    const before = carrier.invites.length;
    const dialed = await ok<{ callId: string; callback?: CallbackView }>('calls.dial', { target: '101' });
    expect(dialed.callback).toMatchObject({ via: 'mobile', phase: 'calling-callme' });
    // the CallMe number (06 99 88 77 66) is external: the server's call to it goes out through the trunk
    await waitFor('the carrier receives the call to the CallMe number', () => carrier.invites.length > before, 10_000);
    const toCallMe = carrier.invites.at(-1)!;
    expect(toCallMe.requestUri).toBe(`sip:0699887766@${carrier.host}:${carrier.port}`);
    // the mobile sees the user's own outside number (the DID), never the one-time token
    expect(toCallMe.header('From')).toMatch(/<sip:0123456789@/);
    expect(toCallMe.text).not.toMatch(/uc-cb=/);
    // the carrier answers busy: the callback fails, and the app says so
    await waitFor('the app says: failed', () => callbackViews.at(-1)?.phase === 'failed', 15_000);
    expect(appCalls.some((c) => c.id === dialed.callId)).toBe(false);
  });

  it('back to the app mode: the app dials itself', async () => {
    await chooseDialMode('app');
    const before = brunoCalls.length;
    const dialed = await ok<{ callId: string; callback?: CallbackView }>('calls.dial', { target: '101' });
    expect(dialed.callback).toBeUndefined();
    await waitFor('the destination rings', () => brunoCalls.length === before + 1, 10_000);
    expect(appCalls.some((c) => c.id === dialed.callId)).toBe(true);
    await ok('calls.hangup', { callId: dialed.callId });
  });
});
