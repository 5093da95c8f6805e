import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeadsetDevice } from '../../../../src-main/core/features/desktop/headsets/headset-adapter';
import {
  HeadsetBridge,
  type HeadsetBridgeStatus,
  type HeadsetRequestOutcome,
} from '../../../../src-main/core/features/desktop/headsets/headset-bridge';
import { followCalls } from '../../../../src-main/core/features/desktop/headsets/headset-call-view';
import { ReconnectPolicy } from '../../../../src-preload/contract/platform/reconnect-policy';
import { FakeAdapter, RecordingControl, callView, settle } from './headset-fakes';
import { ManualClock } from '../../../support/manual-clock';

const ALL_ON = { hid: true, jabra: true, poly: true };

describe('followCalls', () => {
  it('maps one call to the headset phase', () => {
    expect(followCalls([]).state).toEqual({ phase: 'idle', muted: false });
    expect(followCalls([callView('a', 'ringing-in', { peerName: 'Bob' })])).toEqual({
      mode: 'following',
      state: { phase: 'ringing', muted: false, callId: 'a', peer: 'Bob' },
    });
    expect(followCalls([callView('a', 'established', { muted: true })]).state).toMatchObject({
      phase: 'active',
      muted: true,
    });
    expect(followCalls([callView('a', 'dialing')]).state.phase).toBe('active');
    expect(followCalls([callView('a', 'held')]).state.phase).toBe('held');
    expect(followCalls([callView('a', 'established', { held: true })]).state.phase).toBe('held');
  });

  it('ignores ending calls and detects parallel calls', () => {
    expect(followCalls([callView('a', 'terminated'), callView('b', 'ringing-in')]).state).toMatchObject({
      phase: 'ringing',
      callId: 'b',
    });
    expect(followCalls([callView('a', 'held'), callView('b', 'dialing')])).toEqual({
      mode: 'parallel',
      state: { phase: 'idle', muted: false },
      calls: 2,
    });
  });
});

describe('HeadsetBridge', () => {
  let clock: ManualClock;
  let control: RecordingControl;
  let hid: FakeAdapter;
  let jabra: FakeAdapter;
  let poly: FakeAdapter;
  let bridge: HeadsetBridge;
  let outcomes: HeadsetRequestOutcome[];

  beforeEach(() => {
    clock = new ManualClock();
    control = new RecordingControl();
    hid = new FakeAdapter('hid');
    jabra = new FakeAdapter('jabra');
    poly = new FakeAdapter('poly');
    bridge = new HeadsetBridge({
      adapters: [hid, jabra, poly],
      control,
      clock,
      // deterministic backoff: delays 1 s, 2 s, 4 s… (random = 1 → the ceiling)
      createRestartPolicy: () => new ReconnectPolicy({ baseMs: 1_000, capMs: 8_000, random: () => 0.999_999 }),
    });
    outcomes = [];
    bridge.onDidHandleRequest((o) => outcomes.push(o));
  });

  afterEach(async () => {
    await bridge.dispose();
  });

  it('starts only the enabled vendors and stops them when switched off', async () => {
    expect(bridge.state).toBe('stopped');
    await bridge.configure({ hid: true, jabra: false, poly: true });
    expect([hid.starts, jabra.starts, poly.starts]).toEqual([1, 0, 1]);
    expect(bridge.state).toBe('following');
    await bridge.configure({ hid: false, jabra: false, poly: true });
    expect(hid.stops).toBe(1);
    expect(bridge.status.vendors.map((v) => [v.vendor, v.enabled, v.slot])).toEqual([
      ['hid', false, 'off'],
      ['jabra', false, 'off'],
      ['poly', true, 'running'],
    ]);
    await bridge.configure({ hid: false, jabra: false, poly: false });
    expect(bridge.state).toBe('stopped');
  });

  it('indicators follow the calls: ringing → active (muted) → held → idle', async () => {
    await bridge.configure(ALL_ON);
    bridge.updateCalls([callView('c1', 'ringing-in')]);
    bridge.updateCalls([callView('c1', 'established')]);
    bridge.updateCalls([callView('c1', 'established', { muted: true })]);
    bridge.updateCalls([callView('c1', 'established', { muted: true })]); // unchanged: not sent again
    bridge.updateCalls([callView('c1', 'held', { muted: true })]);
    bridge.updateCalls([callView('c1', 'terminated')]);
    await settle();
    for (const adapter of [hid, jabra, poly]) {
      expect(adapter.states.map((s) => `${s.phase}${s.muted ? '+muted' : ''}`)).toEqual([
        'idle',
        'ringing',
        'active',
        'active+muted',
        'held+muted',
        'idle',
      ]);
    }
  });

  it('turns headset requests into call actions on the followed call', async () => {
    await bridge.configure(ALL_ON);
    bridge.updateCalls([callView('c1', 'ringing-in')]);
    jabra.press({ type: 'answer' });
    bridge.updateCalls([callView('c1', 'established')]);
    clock.advance(1_000);
    hid.press({ type: 'toggle-mute' });
    clock.advance(1_000);
    poly.press({ type: 'mute', muted: false }); // already unmuted: nothing to do
    bridge.updateCalls([callView('c1', 'established', { muted: true })]);
    poly.press({ type: 'mute', muted: false });
    hid.press({ type: 'flash' });
    bridge.updateCalls([callView('c1', 'held')]);
    clock.advance(1_000);
    poly.press({ type: 'hold', held: false });
    bridge.updateCalls([callView('c1', 'established')]);
    clock.advance(1_000);
    jabra.press({ type: 'hangup' });
    bridge.updateCalls([]);
    hid.press({ type: 'redial' });
    await settle();
    expect(control.actions).toEqual([
      'answer c1',
      'setMuted c1 true',
      'setMuted c1 false',
      'setHold c1 true',
      'setHold c1 false',
      'hangup c1',
      'redial',
    ]);
    expect(outcomes.find((o) => o.vendor === 'poly' && o.ignored)).toMatchObject({ ignored: 'not-applicable' });
  });

  it('reject: Drop/REJECT while ringing rejects; a hang-up while ringing declines too', async () => {
    await bridge.configure(ALL_ON);
    bridge.updateCalls([callView('c1', 'ringing-in')]);
    hid.press({ type: 'reject' });
    bridge.updateCalls([callView('c2', 'ringing-in')]);
    clock.advance(1_000);
    poly.press({ type: 'hangup' });
    await settle();
    expect(control.actions).toEqual(['reject c1', 'reject c2']);
  });

  it('is disabled while two calls run in parallel: indicators idle, requests ignored', async () => {
    await bridge.configure(ALL_ON);
    bridge.updateCalls([callView('c1', 'established', { muted: true })]);
    bridge.updateCalls([callView('c1', 'held'), callView('c2', 'ringing-in')]);
    expect(bridge.state).toBe('parallel');
    await settle();
    expect(hid.states.map((st) => st.phase)).toEqual(['idle', 'active', 'idle']);
    expect(hid.lastState).toEqual({ phase: 'idle', muted: false });
    hid.press({ type: 'answer' });
    jabra.press({ type: 'hangup' });
    poly.press({ type: 'toggle-mute' });
    await settle();
    expect(control.actions).toEqual([]);
    expect(outcomes.map((o) => o.ignored)).toEqual(['parallel-calls', 'parallel-calls', 'parallel-calls']);
    bridge.updateCalls([callView('c1', 'terminated'), callView('c2', 'established')]);
    expect(bridge.state).toBe('following');
    await settle();
    expect(hid.lastState).toMatchObject({ phase: 'active', callId: 'c2' });
    hid.press({ type: 'hangup' });
    await settle();
    expect(control.actions).toEqual(['hangup c2']);
  });

  it('drops the same button seen by two adapters within the duplicate window', async () => {
    await bridge.configure(ALL_ON);
    bridge.updateCalls([callView('c1', 'ringing-in')]);
    hid.press({ type: 'answer' });
    jabra.press({ type: 'answer' });
    await settle();
    expect(control.actions).toEqual(['answer c1']);
    expect(outcomes.at(-1)).toMatchObject({ vendor: 'jabra', ignored: 'duplicate' });
  });

  it('restarts a crashed adapter with growing backoff and gives it the current call', async () => {
    const logs: string[] = [];
    await bridge.dispose();
    bridge = new HeadsetBridge({
      adapters: [hid],
      control,
      clock,
      logger: (level, message) => logs.push(`${level}: ${message}`),
      createRestartPolicy: () => new ReconnectPolicy({ baseMs: 1_000, capMs: 8_000, random: () => 0.999_999 }),
    });
    await bridge.configure(ALL_ON);
    bridge.updateCalls([callView('c1', 'established')]);
    await settle();
    hid.nextStart = 'throw';
    hid.crash('usb stack reset');
    await settle();
    expect(bridge.status.vendors[0]).toMatchObject({ slot: 'waiting', retryAt: clock.now() + 999 });
    expect(logs.some((l) => l.startsWith('warn: headset: hid adapter down (usb stack reset)'))).toBe(true);
    clock.advance(999);
    await settle();
    expect(hid.starts).toBe(2); // threw → wait about 2 s
    clock.advance(1_500);
    await settle();
    expect(hid.starts).toBe(2);
    hid.nextStart = 'run';
    clock.advance(500);
    await settle();
    expect(hid.starts).toBe(3);
    expect(bridge.status.vendors[0]?.slot).toBe('running');
    expect(hid.lastState).toMatchObject({ phase: 'active', callId: 'c1' });
  });

  it('an adapter whose setCallState throws is restarted, the others carry on', async () => {
    await bridge.configure(ALL_ON);
    poly.failSetCallState = true;
    bridge.updateCalls([callView('c1', 'ringing-in')]);
    await settle();
    expect(poly.stops).toBe(1);
    expect(bridge.status.vendors.find((v) => v.vendor === 'poly')?.slot).toBe('waiting');
    expect(hid.lastState?.phase).toBe('ringing');
    poly.failSetCallState = false;
    clock.advance(1_000);
    await settle();
    expect(poly.lastState?.phase).toBe('ringing');
  });

  it('keeps an unavailable vendor waiting without retries when retrying cannot help', async () => {
    jabra.nextStart = { unavailable: '@gnaudio/jabra-js is not installed', retryable: false };
    poly.nextStart = { unavailable: 'Poly Hub is not running', retryable: true };
    await bridge.configure(ALL_ON);
    const statusOf = (v: string) => bridge.status.vendors.find((s) => s.vendor === v);
    expect(statusOf('jabra')).toMatchObject({ slot: 'waiting', reason: '@gnaudio/jabra-js is not installed' });
    expect(statusOf('jabra')?.retryAt).toBeUndefined();
    expect(statusOf('poly')).toMatchObject({ reason: 'Poly Hub is not running', retryAt: clock.now() + 999 });
    poly.nextStart = 'run';
    clock.advance(60_000);
    await settle();
    expect([jabra.starts, poly.starts]).toEqual([1, 2]);
    expect(statusOf('poly')?.slot).toBe('running');
    expect(statusOf('poly')?.reason).toBeUndefined();
    // switching Jabra off and on tries again
    await bridge.configure({ ...ALL_ON, jabra: false });
    jabra.nextStart = 'run';
    await bridge.configure(ALL_ON);
    expect(statusOf('jabra')?.slot).toBe('running');
  });

  it('reports plugged devices of all adapters, and forgets those of a stopped adapter', async () => {
    const lists: HeadsetDevice[][] = [];
    const statuses: HeadsetBridgeStatus[] = [];
    bridge.onDidChangeDevices((d) => lists.push(d));
    bridge.onDidChangeStatus((s) => statuses.push(s));
    await bridge.configure(ALL_ON);
    hid.plug([{ vendor: 'hid', id: '/dev/hidraw1', name: 'Acme H1' }]);
    jabra.plug([{ vendor: 'jabra', id: 'j1', name: 'Jabra Evolve2 40' }]);
    expect(lists.at(-1)?.map((d) => d.id)).toEqual(['/dev/hidraw1', 'j1']);
    hid.plug([]);
    expect(bridge.devices.map((d) => d.id)).toEqual(['j1']);
    await bridge.configure({ ...ALL_ON, jabra: false });
    expect(lists.at(-1)).toEqual([]);
    expect(statuses.at(-1)?.vendors.find((v) => v.vendor === 'jabra')?.devices).toEqual([]);
  });

  it('no timers left after dispose, and the bridge refuses further use', async () => {
    poly.nextStart = { unavailable: 'Poly Hub is not running', retryable: true };
    await bridge.configure(ALL_ON);
    expect(clock.pending).toBe(1);
    await bridge.dispose();
    expect(clock.pending).toBe(0);
    expect(bridge.state).toBe('disposed');
    expect([hid.stops, jabra.stops, poly.stops].every((n) => n >= 1)).toBe(true);
    await expect(bridge.configure(ALL_ON)).rejects.toThrow('after dispose');
    expect(() => bridge.updateCalls([])).toThrow('after dispose');
  });

  it('refuses two adapters for one vendor', () => {
    expect(() => new HeadsetBridge({ adapters: [hid, new FakeAdapter('hid')], control })).toThrow('two headset');
  });
});
