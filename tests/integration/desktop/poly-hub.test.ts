import { afterEach, describe, expect, it } from 'vitest';
import type { CallView } from '../../../src-preload/contract/ipc-contract';
import type { HeadsetDevice } from '../../../src-main/core/features/desktop/headsets/headset-adapter';
import {
  HeadsetBridge,
  type HeadsetCallControl,
} from '../../../src-main/core/features/desktop/headsets/headset-bridge';
import { POLY_ACTION, PolyAdapter } from '../../../src-main/core/features/desktop/headsets/poly/poly-adapter';
import { ReconnectPolicy } from '../../../src-preload/contract/platform/reconnect-policy';
import { FakePolyHub } from '../../support/fake-poly-hub';

/** Waits (bounded) until `predicate` holds. */
async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The app side: a call list that changes when the headset asks, fed back to the bridge like AppCore would. */
class SimulatedCalls implements HeadsetCallControl {
  readonly actions: string[] = [];
  private readonly calls = new Map<string, CallView>();
  bridge: HeadsetBridge | undefined;

  incoming(id: string, peer: string): void {
    this.calls.set(id, {
      id,
      direction: 'incoming',
      peer,
      state: 'ringing-in',
      held: false,
      remoteHeld: false,
      muted: false,
      startedAt: Date.now(),
    });
    this.publish();
  }
  async answer(id: string): Promise<void> {
    this.update(id, 'answer', { state: 'established', answeredAt: Date.now() });
  }
  async reject(id: string): Promise<void> {
    this.end(id, 'reject');
  }
  async hangup(id: string): Promise<void> {
    this.end(id, 'hangup');
  }
  async setMuted(id: string, muted: boolean): Promise<void> {
    this.update(id, `setMuted ${muted}`, { muted });
  }
  async setHold(id: string, hold: boolean): Promise<void> {
    this.update(id, `setHold ${hold}`, { held: hold, state: hold ? 'held' : 'established' });
  }
  private update(id: string, action: string, change: Partial<CallView>): void {
    const call = this.calls.get(id);
    if (!call) throw new Error(`no call ${id}`);
    this.actions.push(`${action} ${id}`);
    this.calls.set(id, { ...call, ...change });
    this.publish();
  }
  private end(id: string, action: string): void {
    if (!this.calls.delete(id)) throw new Error(`no call ${id}`);
    this.actions.push(`${action} ${id}`);
    this.publish();
  }
  private publish(): void {
    this.bridge?.updateCalls([...this.calls.values()]);
  }
}

describe('Poly adapter against a fake Poly Hub (real HTTP on 127.0.0.1)', () => {
  let hub: FakePolyHub | undefined;
  let bridge: HeadsetBridge | undefined;

  afterEach(async () => {
    await bridge?.dispose();
    await hub?.close();
    bridge = undefined;
    hub = undefined;
  });

  const setup = async (options: { hub?: FakePolyHub; port?: number } = {}) => {
    const calls = new SimulatedCalls();
    const adapter = new PolyAdapter({
      baseUrl: options.hub?.url ?? `http://127.0.0.1:${options.port}/Spokes`,
      pollMs: 20,
      deviceEveryPolls: 2,
      timeoutMs: 1_000,
    });
    bridge = new HeadsetBridge({
      adapters: [adapter],
      control: calls,
      createRestartPolicy: () => new ReconnectPolicy({ baseMs: 50, capMs: 200, minMs: 20 }),
    });
    calls.bridge = bridge;
    const devices: HeadsetDevice[][] = [];
    bridge.onDidChangeDevices((d) => devices.push(d));
    await bridge.configure({ hid: false, jabra: false, poly: true });
    return { calls, adapter, devices, bridge };
  };

  it('answer, mute, unmute and hang up from the headset; indicators follow the call', async () => {
    hub = await FakePolyHub.start();
    const { calls, adapter, devices } = await setup({ hub });
    expect(adapter.status).toEqual({ state: 'running' });
    expect(hub.registeredPlugins).toEqual(['Switchboard']);
    expect(hub.requestsTo('SessionManager/IsActive')[0]?.query).toEqual({ name: 'Switchboard', active: 'true' });
    expect(devices.at(-1)).toEqual([{ vendor: 'poly', id: hub.device?.Uid, name: 'Poly BT700' }]);
    expect(hub.requestsTo('DeviceServices/Attach')[0]?.query).toEqual({ uid: hub.device?.Uid });

    // the headset rings with the caller's name
    calls.incoming('c1', '+33 1 23 45 67 89');
    await waitUntil(() => hub!.requestsTo('CallServices/IncomingCall').length === 1, 'IncomingCall');
    const incoming = hub.requestsTo('CallServices/IncomingCall')[0]!.query;
    expect(JSON.parse(incoming['contact']!)).toEqual({ Name: '+33 1 23 45 67 89' });
    expect(incoming).toMatchObject({ name: 'Switchboard', tones: 'Unknown', route: 'ToHeadset' });
    const hubId = hub.lastCallId;
    expect(JSON.parse(incoming['callID']!)).toEqual({ Id: hubId });

    // answer on the headset
    hub.pushEvent(POLY_ACTION.AcceptCall);
    await waitUntil(() => calls.actions.includes('answer c1'), 'answer');
    await waitUntil(() => hub!.requestsTo('CallServices/AnswerCall').length === 1, 'AnswerCall');

    // mute and unmute on the headset; the Hub's echo of our MuteCall must not toggle again
    hub.pushEvent(POLY_ACTION.Mute);
    await waitUntil(() => hub!.requestsTo('CallServices/MuteCall').length === 1, 'MuteCall true');
    expect(hub.requestsTo('CallServices/MuteCall')[0]?.query).toEqual({ name: 'Switchboard', muted: 'true' });
    hub.pushEvent(POLY_ACTION.Unmute);
    await waitUntil(() => hub!.requestsTo('CallServices/MuteCall').length === 2, 'MuteCall false');
    expect(hub.requestsTo('CallServices/MuteCall')[1]?.query).toEqual({ name: 'Switchboard', muted: 'false' });

    // mute then unmute quickly in the app: the Hub's late echoes (11, 12) must not flip the state back
    await calls.setMuted('c1', true);
    await calls.setMuted('c1', false);
    await waitUntil(() => hub!.requestsTo('CallServices/MuteCall').length === 4, 'app MuteCall x2');
    const before = hub.requestsTo('CallServices/CallEvents').length;
    await waitUntil(() => hub!.requestsTo('CallServices/CallEvents').length >= before + 3, 'echo polls');

    // hang up on the headset
    hub.pushEvent(POLY_ACTION.TerminateCall);
    await waitUntil(() => calls.actions.includes('hangup c1'), 'hangup');
    await waitUntil(() => hub!.requestsTo('CallServices/TerminateCall').length === 1, 'TerminateCall');
    // let a few polls drain the echoes: nothing more may happen
    const polls = hub.requestsTo('CallServices/CallEvents').length;
    await waitUntil(() => hub!.requestsTo('CallServices/CallEvents').length >= polls + 3, 'more polls');
    expect(calls.actions).toEqual([
      'answer c1',
      'setMuted true c1', // headset
      'setMuted false c1', // headset
      'setMuted true c1', // app
      'setMuted false c1', // app
      'hangup c1',
    ]);
  });

  it('reject from the headset; a stale event of an older call is ignored; hold and resume', async () => {
    hub = await FakePolyHub.start();
    const { calls } = await setup({ hub });
    calls.incoming('c1', '102');
    await waitUntil(() => hub!.requestsTo('CallServices/IncomingCall').length === 1, 'IncomingCall');
    const first = hub.lastCallId!;
    hub.pushEvent(POLY_ACTION.RejectCall);
    await waitUntil(() => calls.actions.includes('reject c1'), 'reject');
    await waitUntil(() => hub!.requestsTo('CallServices/TerminateCall').length === 1, 'TerminateCall');

    calls.incoming('c2', '103');
    await waitUntil(() => hub!.requestsTo('CallServices/IncomingCall').length === 2, 'second IncomingCall');
    expect(hub.lastCallId).not.toBe(first);
    hub.pushEvent(POLY_ACTION.AcceptCall, first); // belongs to the rejected call
    hub.pushEvent(POLY_ACTION.AcceptCall);
    await waitUntil(() => calls.actions.includes('answer c2'), 'answer c2');
    hub.pushEvent(POLY_ACTION.HoldCall);
    await waitUntil(() => hub!.requestsTo('CallServices/HoldCall').length === 1, 'HoldCall');
    hub.pushEvent(POLY_ACTION.ResumeCall);
    await waitUntil(() => hub!.requestsTo('CallServices/ResumeCall').length === 1, 'ResumeCall');
    expect(calls.actions).toEqual(['reject c1', 'answer c2', 'setHold true c2', 'setHold false c2']);
  });

  it('Hub not running → unavailable, retried with backoff until the Hub starts; Hub quitting → restarted', async () => {
    const probe = await FakePolyHub.start();
    const port = probe.port;
    await probe.close();
    const { adapter, bridge: b } = await setup({ port });
    expect(b.status.vendors[0]).toMatchObject({ slot: 'waiting' });
    expect(b.status.vendors[0]?.reason).toMatch(/Poly Hub is not running/);
    hub = new FakePolyHub();
    await hub.listen(port);
    await waitUntil(() => adapter.status.state === 'running', 'adapter running after Hub start');
    expect(hub.registeredPlugins).toEqual(['Switchboard']);

    await hub.close();
    await waitUntil(() => b.status.vendors[0]?.slot === 'waiting', 'failure noticed');
    await hub.listen(port);
    await waitUntil(() => adapter.status.state === 'running', 'running again');
    expect(hub.registeredPlugins).toEqual(['Switchboard']);
  });

  it('plug and unplug on the Hub show in the device list; switching Poly off unregisters and stops polling', async () => {
    hub = await FakePolyHub.start();
    const { devices, bridge: b } = await setup({ hub });
    const device = hub.device!;
    hub.device = null;
    await waitUntil(() => devices.at(-1)?.length === 0, 'unplugged');
    expect(hub.requestsTo('DeviceServices/Release')).toHaveLength(1);
    hub.device = device;
    await waitUntil(() => devices.at(-1)?.length === 1, 'plugged again');

    await b.configure({ hid: false, jabra: false, poly: false });
    expect(hub.registeredPlugins).toEqual([]);
    const count = hub.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(hub.requests.length).toBe(count);
  });
});
