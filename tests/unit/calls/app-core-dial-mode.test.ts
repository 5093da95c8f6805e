/**
 * calls.dial and the dial mode (SPEC J4, B5) in the engine, with a fake SIP engine and a fake UC
 * server: the decision per mode × number kind, the server's answer (callback, or the app dials:
 * mode `app`, emergency numbers), its failures (the app dials: a call is never lost), and the
 * callback's progress view driven by `callback-progress` live events.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallbackView, EventChannel, EventPayloads } from '../../../src-preload/contract/ipc-contract';
import { parseDialTarget, type DialTarget } from '../../../src-preload/contract/calls/dial-target';
import {
  defaultForwardingRules,
  type DialMode,
  type ForwardingDocument,
  type PlaceCallResult,
} from '../../../src-preload/contract/forwarding';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { decideDialPlacement } from '../../../src-main/core/features/calls/callback/dial-placement';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { makeTestCore, PersistentTestSecretStore, type Recorded, until } from '../../support/app-core-harness';
import { FakeUcServer } from '../../support/fake-uc-server';
import type { FakeEngine } from '../../support/fake-phone';
import { FakeMediaHost } from '../../support/fake-media-host';
import { ManualClock } from '../../support/manual-clock';

const target = (input: string): DialTarget => {
  const parsed = parseDialTarget(input);
  if (!parsed.ok) throw new Error(`not dialable: ${input}`);
  return parsed;
};

describe('decideDialPlacement: mode × number kind', () => {
  const numbers = {
    internal: '101',
    external: '+33 6 12 34 56 78',
    national: '0612345678',
    emergency: '112',
    'service code': '*21#',
    'sip uri': 'sip:alice@example.com',
  };
  const expected: Record<DialMode | 'unknown', Record<keyof typeof numbers, 'app' | 'ask-server'>> = {
    app: {
      internal: 'app',
      external: 'app',
      national: 'app',
      emergency: 'app',
      'service code': 'app',
      'sip uri': 'app',
    },
    // the server decides numbers: it answers `app` for emergency numbers (its dial plan has the list)
    associated: {
      internal: 'ask-server',
      external: 'ask-server',
      national: 'ask-server',
      emergency: 'ask-server',
      'service code': 'app',
      'sip uri': 'app',
    },
    callback: {
      internal: 'ask-server',
      external: 'ask-server',
      national: 'ask-server',
      emergency: 'ask-server',
      'service code': 'app',
      'sip uri': 'app',
    },
    // rules not fetched yet: the server knows the mode
    unknown: {
      internal: 'ask-server',
      external: 'ask-server',
      national: 'ask-server',
      emergency: 'ask-server',
      'service code': 'app',
      'sip uri': 'app',
    },
  };
  for (const [mode, row] of Object.entries(expected)) {
    for (const [kind, placement] of Object.entries(row)) {
      it(`${mode} × ${kind} → ${placement}`, () => {
        const input = numbers[kind as keyof typeof numbers];
        expect(decideDialPlacement(mode === 'unknown' ? undefined : (mode as DialMode), target(input))).toBe(placement);
      });
      // with the server's emergency numbers (provisioning), they never wait for the server
      const known = kind === 'emergency' ? 'app' : placement;
      it(`${mode} × ${kind}, emergency numbers known → ${known}`, () => {
        const input = numbers[kind as keyof typeof numbers];
        const knownMode = mode === 'unknown' ? undefined : (mode as DialMode);
        expect(decideDialPlacement(knownMode, target(input), ['112', '15', '0112'])).toBe(known);
      });
    }
  }
});

describe('calls.dial with a dial mode', () => {
  let clock: ManualClock;
  let engines: FakeEngine[];
  let core: AppCore;
  let events: Recorded[];
  let uc: FakeUcServer;

  const invoke = (channel: string, payload: unknown = {}) => dispatchInvoke(core, channel, payload);
  const eventsOf = <E extends EventChannel>(channel: E): EventPayloads[E][] =>
    events.filter((e) => e.channel === channel).map((e) => e.payload as EventPayloads[E]);
  const engine = (): FakeEngine => engines[engines.length - 1]!;
  const placeReply = (status: number, body: PlaceCallResult | object, times?: number): void =>
    void uc.overrides.set('POST /me/calls/place', {
      status,
      body: JSON.stringify(body),
      ...(times !== undefined ? { times } : {}),
    });
  const placeRequests = (): number => uc.requests.filter((r) => r === 'POST /me/calls/place').length;
  const callbackNow = async (): Promise<CallbackView | null> => {
    const r = await invoke('calls.getCallback');
    if (!r.ok) throw new Error(r.error.message);
    return r.value as CallbackView | null;
  };

  /** Logs in with `mode` as the user's dial mode (undefined: GET /me/forwarding fails, mode unknown). */
  const login = async (mode: DialMode | undefined): Promise<void> => {
    if (mode !== undefined) {
      const rules = defaultForwardingRules('UTC');
      rules.dialMode = mode;
      if (mode === 'callback') rules.callMe = { enabled: false, number: '0612345678' };
      const doc: ForwardingDocument = { rules, updatedAt: 1 };
      uc.overrides.set('GET /me/forwarding', { status: 200, body: JSON.stringify(doc) });
    }
    const r = await invoke('session.login', { server: uc.address, user: '102', password: 'Welcome102!' });
    expect(r.ok).toBe(true);
    await until('live events', () => uc.eventsClients > 0);
    if (mode !== undefined) {
      await until('forwarding rules fetched', async () => {
        const f = await invoke('forwarding.get');
        return f.ok && f.value !== null;
      });
    }
  };

  beforeEach(async () => {
    clock = new ManualClock();
    engines = [];
    events = [];
    uc = new FakeUcServer({ accounts: [{ number: '102', password: 'Welcome102!', displayName: 'Boris' }] });
    await uc.start();
    core = makeTestCore(
      {
        clock,
        media: new FakeMediaHost(),
        secrets: new PersistentTestSecretStore(),
        startupChanges: [],
        engines,
        outcome: () => 'registered',
        events: () => events,
      },
      { callbackLingerMs: 5_000 },
    );
  });

  afterEach(async () => {
    await core.dispose();
    await uc.stop();
  });

  it('mode app: the app dials, the server is not asked', async () => {
    await login('app');
    const r = await invoke('calls.dial', { target: '101' });
    expect(r.ok).toBe(true);
    expect(engine().dialed).toEqual(['101']);
    expect(placeRequests()).toBe(0);
  });

  it('associated dialing: the server rings the desk phone; no call here; progress follows live events', async () => {
    await login('associated');
    placeReply(200, { by: 'callback', id: 'cb-1', phase: 'calling-callme', via: 'desk-phone' });
    const r = await invoke('calls.dial', { target: '101', name: 'Bruno' });
    expect(r).toMatchObject({
      ok: true,
      value: { callId: 'cb-1', callback: { id: 'cb-1', via: 'desk-phone', phase: 'calling-callme', peer: '101' } },
    });
    expect(placeRequests()).toBe(1);
    expect(engine().dialed).toEqual([]);
    expect(await callbackNow()).toMatchObject({ id: 'cb-1', peerName: 'Bruno', phase: 'calling-callme' });

    uc.broadcast({ type: 'callback-progress', id: 'other', phase: 'failed' }); // someone else's: ignored
    uc.broadcast({ type: 'callback-progress', id: 'cb-1', phase: 'connecting' });
    await until('connecting', () => eventsOf('calls.onDidChangeCallback').at(-1)?.phase === 'connecting');
    uc.broadcast({ type: 'callback-progress', id: 'cb-1', phase: 'connected' });
    await until('connected', () => eventsOf('calls.onDidChangeCallback').at(-1)?.phase === 'connected');
    expect(eventsOf('calls.onDidChangeCallback').map((v) => v?.phase)).toEqual([
      'calling-callme',
      'connecting',
      'connected',
    ]);
    // "Connected — continue on your phone" stays a moment, then closes
    clock.advance(4_999);
    expect(await callbackNow()).not.toBeNull();
    clock.advance(1);
    expect(await callbackNow()).toBeNull();
    expect(eventsOf('calls.onDidChangeCallback').at(-1)).toBeNull();
    // the recent dials have it
    const recent = await invoke('dial.getRecent');
    expect(recent).toMatchObject({ ok: true, value: [{ number: '101' }] });
  });

  it('callback preferred: an emergency number of the provisioning is dialed at once, the server not asked', async () => {
    uc.provisioning = { ...uc.provisioning, emergencyNumbers: ['112', '15', '0112'] };
    await login('callback');
    placeReply(200, { by: 'callback', id: 'never', phase: 'calling-callme', via: 'mobile' });
    for (const number of ['112', '0112', '15']) expect((await invoke('calls.dial', { target: number })).ok).toBe(true);
    expect(engine().dialed).toEqual(['112', '0112', '15']);
    expect(placeRequests()).toBe(0);
    expect(eventsOf('calls.onDidChangeCallback')).toEqual([]);
  });

  it('callback preferred: an emergency number is the app’s to dial (the server says so)', async () => {
    await login('callback');
    placeReply(200, { by: 'app', reason: 'emergency' });
    const r = await invoke('calls.dial', { target: '112' });
    expect(r.ok).toBe(true);
    expect(placeRequests()).toBe(1);
    expect(engine().dialed).toEqual(['112']);
    expect(eventsOf('calls.onDidChangeCallback')).toEqual([]);
  });

  it('a failed callback stays with its reason until dismissed', async () => {
    await login('callback');
    placeReply(200, { by: 'callback', id: 'cb-2', phase: 'calling-callme', via: 'mobile' });
    await invoke('calls.dial', { target: '0612345678' });
    uc.broadcast({ type: 'callback-progress', id: 'cb-2', phase: 'failed' });
    await until('failed', () => eventsOf('calls.onDidChangeCallback').at(-1)?.phase === 'failed');
    uc.broadcast({ type: 'callback-progress', id: 'cb-2', phase: 'connected' }); // never after failed
    clock.advance(60_000);
    expect(await callbackNow()).toMatchObject({ id: 'cb-2', phase: 'failed', via: 'mobile' });
    expect(await invoke('calls.dismissCallback', { id: 'cb-2' })).toEqual({ ok: true, value: undefined });
    expect(await callbackNow()).toBeNull();
  });

  it('a progress event that overtakes the POST answer is not lost', async () => {
    await login('associated');
    uc.delayMs = 100;
    placeReply(200, { by: 'callback', id: 'cb-3', phase: 'calling-callme', via: 'desk-phone' });
    const pending = invoke('calls.dial', { target: '101' });
    await until('request sent', () => placeRequests() === 1);
    uc.broadcast({ type: 'callback-progress', id: 'cb-3', phase: 'connecting' });
    await pending;
    expect(await callbackNow()).toMatchObject({ id: 'cb-3', phase: 'connecting' });
  });

  it.each([
    ['503', 503, { error: 'internal', message: 'the callback service is not available' }],
    ['a reply off the schema', 200, { by: 'callback' }],
  ])('the server answers %s: the app dials itself (a call is never lost)', async (_what, status, body) => {
    await login('associated');
    placeReply(status, body);
    const r = await invoke('calls.dial', { target: '112' });
    expect(r.ok).toBe(true);
    expect(engine().dialed).toEqual(['112']);
    expect(await callbackNow()).toBeNull();
  });

  it('mode not known yet: the server is asked and says the app dials', async () => {
    await login(undefined);
    placeReply(200, { by: 'app', reason: 'dial-mode' });
    const r = await invoke('calls.dial', { target: '101' });
    expect(r.ok).toBe(true);
    expect(placeRequests()).toBe(1);
    expect(engine().dialed).toEqual(['101']);
  });

  it('logout closes the callback view', async () => {
    await login('associated');
    placeReply(200, { by: 'callback', id: 'cb-4', phase: 'calling-callme', via: 'desk-phone' });
    await invoke('calls.dial', { target: '101' });
    expect(await callbackNow()).not.toBeNull();
    await invoke('session.logout');
    expect(await callbackNow()).toBeNull();
  });
});
