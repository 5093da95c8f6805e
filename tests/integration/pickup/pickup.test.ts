/**
 * Pickup (SPEC D3, issue #11 item 6) through the real servers: C (100) calls A (101), whose two
 * devices ring (an app and a second SIP device); colleague B (102, the app) picks the call up.
 * Kamailio cancels both of A's devices with `Reason: SIP;cause=200` (RFC 3326) and re-targets the
 * caller's INVITE to B's devices, where the app that asked answers it by itself; C talks to B.
 * A's journal says "picked up by 102" (not missed), B's is a normal answered call from 100.
 * Also: nothing ringing → not-found, a hidden colleague → refused, a forged X-UC-Pickup header
 * never reaches a device.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView, JournalEntry, SessionState } from '../../../src-preload/contract/ipc-contract';
import { PICKUP_PATH } from '../../../src-preload/contract/calls/calls-http';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { SipWsProbe, sipHeader } from '../../../server/stack/sip-ws-probe';
import { until } from '../../support/app-core-harness';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { WeriftMediaHost } from '../../support/werift-media-host';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Carla Caller' },
  { number: '101', password: 'Welcome101!', displayName: 'Anna Called' },
  { number: '102', password: 'Welcome102!', displayName: 'Boris Picker' },
  { number: '103', password: 'Welcome103!', displayName: 'Dora Else' },
];

/** An AppCore logged in as `number`, with its own werift media host. */
interface App {
  core: AppCore;
  media: WeriftMediaHost;
  calls(): CallView[];
}

describe('pickup (SPEC D3)', () => {
  let stack: UcStack;
  const apps: App[] = [];
  let caller: TestPhone;
  let annaPhone: TestPhone;
  let annaApp: App;
  let boris: App;
  const annaPhoneCalls: Call[] = [];

  const ok = async <T>(core: AppCore, channel: string, payload: unknown = {}): Promise<T> => {
    const r = await dispatchInvoke(core, channel, payload);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  const openApp = async (number: string): Promise<App> => {
    const media = new WeriftMediaHost();
    const core = composeAppCore({ dataDir: ':memory:', mediaHost: media });
    let calls: CallView[] = [];
    core.onEvent(({ channel, payload }) => {
      if (channel === 'calls.onDidChange') calls = payload as CallView[];
    });
    const app = { core, media, calls: () => calls };
    apps.push(app);
    const user = USERS.find((u) => u.number === number)!;
    const state = await ok<SessionState>(core, 'session.login', {
      server: stack.serverAddress,
      user: number,
      password: user.password,
    });
    expect(state.status).toBe('registered');
    return app;
  };

  /** C calls A and waits until both of A's devices ring. */
  const ringAnna = async (): Promise<Call> => {
    const before = annaPhoneCalls.length;
    const call = caller.engine.dial('101');
    await waitFor('the app of 101 rings', () => annaApp.calls().some((c) => c.state === 'ringing-in'), 10_000);
    await waitFor('the phone of 101 rings', () => annaPhoneCalls.length === before + 1, 10_000);
    await waitFor('the caller hears ringing', () => call.state === CallState.RingingOut, 10_000);
    return call;
  };

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    caller = createPhone(sip, '100');
    annaPhone = createPhone(sip, '101');
    annaPhone.engine.onDidReceiveCall((c) => annaPhoneCalls.push(c));
    for (const p of [caller, annaPhone]) expect((await p.engine.start()).status).toBe('registered');
    annaApp = await openApp('101');
    boris = await openApp('102');
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) {
      await app.core.dispose().catch(() => undefined);
      await app.media.dispose().catch(() => undefined);
    }
    await caller?.dispose();
    await annaPhone?.dispose();
    await stack?.stop();
  });

  it('connects the caller to the picker, stops every device of the called user, and journals it', async () => {
    const call = await ringAnna();
    const ringingAtAnna = annaPhoneCalls.at(-1)!;

    const doraToken = await loginAccessToken(stack.apiUrl, '103', 'Welcome103!');
    const lines = async (): Promise<Record<string, string | undefined>> => {
      const res = await fetch(`${stack.apiUrl}/presence?accounts=101,102`, {
        headers: { authorization: `Bearer ${doraToken}` },
      });
      const body = (await res.json()) as { presences: { number: string; line?: string }[] };
      return Object.fromEntries(body.presences.map((p) => [p.number, p.line]));
    };
    await until('101 rings for a watcher', async () => (await lines())['101'] === 'ringing-internal');

    const { callId } = await ok<{ callId: string }>(boris.core, 'calls.pickup', { number: '101' });

    // B's app answered by itself; the caller talks to B
    expect(boris.calls().find((c) => c.id === callId)).toMatchObject({ direction: 'incoming', peer: '100' });
    await waitFor('the caller is connected', () => call.state === CallState.Established, 10_000);
    await waitFor('B is connected', () => boris.calls().some((c) => c.id === callId && c.state === 'established'));
    // A's devices stopped ringing, and were told the call was completed elsewhere (RFC 3326)
    await waitFor('the phone of 101 stops ringing', () => ringingAtAnna.state === CallState.Terminated);
    expect(ringingAtAnna.endReason).toBe('completed-elsewhere');
    await waitFor('the app of 101 stops ringing', () => annaApp.calls().every((c) => c.state === 'terminated'));
    expect(annaApp.calls().at(-1)?.endReason).toBe('completed-elsewhere');

    // the busy lamps follow the call to the picker: B talks, A's line is free again (SPEC B4)
    await until('the lamps show B talking and A free', async () => {
      const l = await lines();
      return l['102'] === 'talking-internal' && l['101'] === 'idle';
    });

    // audio both ways between C and B (werift RTP)
    const borisSession = boris.media.openSessionIds()[0]!;
    await waitFor('RTP from the caller reaches B', () => (boris.media.stats(borisSession)?.rxAudioPackets ?? 0) > 20);
    await waitFor(
      'RTP from B reaches the caller',
      () => (caller.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 20,
    );

    // A's journal: picked up by 102, not a missed call
    let annaJournal: JournalEntry[] = [];
    await until('A journals the pickup', async () => {
      annaJournal = await ok<JournalEntry[]>(annaApp.core, 'journal.list', { limit: 5 });
      return annaJournal[0]?.pickedUpBy === '102';
    });
    expect(annaJournal[0]).toMatchObject({
      direction: 'incoming',
      peer: '100',
      result: 'rejected',
      reason: 'completed-elsewhere',
      pickedUpBy: '102',
    });
    expect((await ok<{ missedCalls: number }>(annaApp.core, 'counters.get')).missedCalls).toBe(0);

    await call.hangup();
    await waitFor('B sees the hang-up', () => boris.calls().some((c) => c.id === callId && c.state === 'terminated'));
    await until('both lamps are idle after the call', async () => {
      const l = await lines();
      return l['101'] === 'idle' && l['102'] === 'idle';
    });
    const borisJournal = await ok<JournalEntry[]>(boris.core, 'journal.list', { limit: 5 });
    expect(borisJournal[0]).toMatchObject({ callId, direction: 'incoming', peer: '100', result: 'answered' });
    expect(borisJournal[0]!.pickedUpBy).toBeUndefined();
  });
  it('answers not-found when nothing rings at the colleague', async () => {
    const r = await dispatchInvoke(boris.core, 'calls.pickup', { number: '101' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const unknown = await dispatchInvoke(boris.core, 'calls.pickup', { number: '199' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('answers not-found at once for a call answered meanwhile (the proxy forgets it on the 2xx)', async () => {
    const call = await ringAnna();
    await annaPhoneCalls.at(-1)!.answer();
    await waitFor('the caller is connected to 101', () => call.state === CallState.Established, 10_000);
    const started = Date.now();
    const r = await dispatchInvoke(boris.core, 'calls.pickup', { number: '101' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // Kamailio said 409 (not "picked" and then a 10 s wait for a call that never comes)
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(call.state).toBe(CallState.Established);
    await call.hangup();
    await waitFor('the app of 101 is idle', () => annaApp.calls().every((c) => c.state === 'terminated'));
  });

  it('refuses to pick up at a colleague who is not visible, and lets the call ring there', async () => {
    const annaToken = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
    const setVisibility = async (visibility: string): Promise<void> => {
      const res = await fetch(`${stack.apiUrl}/me/presence`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${annaToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'office', visibility }),
      });
      expect(res.status).toBe(200);
    };
    await setVisibility('none');
    try {
      const call = await ringAnna();
      const borisToken = await loginAccessToken(stack.apiUrl, '102', 'Welcome102!');
      const res = await fetch(`${stack.apiUrl}${PICKUP_PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${borisToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ number: '101' }),
      });
      expect(res.status).toBe(403);
      const r = await dispatchInvoke(boris.core, 'calls.pickup', { number: '101' });
      expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
      await sleep(300);
      expect(call.state).toBe(CallState.RingingOut);
      expect(annaPhoneCalls.at(-1)!.state).toBe(CallState.RingingIn);
      await call.hangup();
      await waitFor('the phone of 101 stops ringing', () => annaPhoneCalls.at(-1)!.state === CallState.Terminated);
      expect(annaPhoneCalls.at(-1)!.endReason).toBe('cancelled');
    } finally {
      await setVisibility('all');
    }
  });

  it('strips a forged X-UC-Pickup header: only the proxy marks a call as a pickup', async () => {
    const callee = await SipWsProbe.connect(stack.kamailio.wsUrl, stack.kamailio.domain);
    const forger = await SipWsProbe.connect(stack.kamailio.wsUrl, stack.kamailio.domain);
    try {
      const password = await stack.sipPasswordOf('103');
      expect((await callee.register('103', password)).status).toBe(200);
      const answer = await forger.request({
        method: 'INVITE',
        fromUser: '100',
        toUser: '103',
        extraHeaders: ['X-UC-Pickup: by=103;from=101'],
        credentials: { username: '100', password: await stack.sipPasswordOf('100') },
      });
      expect(answer.status).toBe(486);
      const invite = callee.received.find((m) => m.method === 'INVITE');
      expect(invite).toBeDefined();
      expect(sipHeader(invite!, 'x-uc-pickup')).toBeUndefined();
    } finally {
      await forger.close();
      await callee.close();
    }
  });
});
