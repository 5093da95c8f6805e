/**
 * calls.pickup (SPEC D3) in the engine, with a fake SIP engine and a fake UC server: the device
 * that asked answers the call the proxy re-targets to it, and only that call; the UC server's
 * errors map to the contract's codes; a call completed elsewhere is journaled "picked up by …"
 * when the server says who, whichever arrives first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallView, EventChannel, EventPayloads, JournalEntry } from '../../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { makeTestCore, PersistentTestSecretStore, type Recorded, until } from '../../support/app-core-harness';
import { FakeUcServer } from '../../support/fake-uc-server';
import type { FakeEngine } from '../../support/fake-phone';
import { FakeMediaHost } from '../../support/fake-media-host';
import { ManualClock } from '../../support/manual-clock';

describe('calls.pickup', () => {
  let clock: ManualClock;
  let media: FakeMediaHost;
  let engines: FakeEngine[];
  let core: AppCore;
  let events: Recorded[];
  let uc: FakeUcServer;

  const invoke = (channel: string, payload: unknown = {}) => dispatchInvoke(core, channel, payload);
  const eventsOf = <E extends EventChannel>(channel: E): EventPayloads[E][] =>
    events.filter((e) => e.channel === channel).map((e) => e.payload as EventPayloads[E]);
  const engine = (): FakeEngine => engines[engines.length - 1]!;
  const pickupReply = (status: number, body: object): void =>
    void uc.overrides.set('POST /calls/pickup', { status, body: JSON.stringify(body), times: 1 });
  const journal = async (): Promise<JournalEntry[]> => {
    const r = await invoke('journal.list', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value as JournalEntry[];
  };
  const rang = (): boolean =>
    media.requests.some((r) => r.method === 'setRinging' && (r.params as { ringing?: boolean }).ringing === true);

  beforeEach(async () => {
    clock = new ManualClock();
    media = new FakeMediaHost();
    engines = [];
    events = [];
    uc = new FakeUcServer({ accounts: [{ number: '102', password: 'Welcome102!', displayName: 'Boris' }] });
    await uc.start();
    core = makeTestCore({
      clock,
      media,
      secrets: new PersistentTestSecretStore(),
      startupChanges: [],
      engines,
      outcome: () => 'registered',
      events: () => events,
    });
    const r = await invoke('session.login', { server: uc.address, user: '102', password: 'Welcome102!' });
    expect(r.ok).toBe(true);
    await until('live events', () => uc.eventsClients > 0);
  });

  afterEach(async () => {
    await core.dispose();
    await uc.stop();
  });

  it('answers, without ringing, the call the proxy re-targets for the pickup this device asked for', async () => {
    pickupReply(200, { sipCallId: 'sip-1' });
    const pending = invoke('calls.pickup', { number: '101' });
    await until('request sent', () => uc.requests.includes('POST /calls/pickup'));
    await new Promise((r) => setTimeout(r, 20));
    const call = engine().incoming('100', undefined, { sipCallId: 'sip-1', pickedUpFrom: '101' });
    expect(await pending).toEqual({ ok: true, value: { callId: call.id } });
    expect(call.state).toBe('established');
    expect(rang()).toBe(false);
  });

  it('takes the call even when its INVITE overtakes the UC server answer', async () => {
    uc.delayMs = 100;
    pickupReply(200, { sipCallId: 'sip-2' });
    const pending = invoke('calls.pickup', { number: '101' });
    await until('request sent', () => uc.requests.includes('POST /calls/pickup'));
    const call = engine().incoming('100', undefined, { sipCallId: 'sip-2', pickedUpFrom: '101' });
    expect(await pending).toEqual({ ok: true, value: { callId: call.id } });
    expect(call.state).toBe('established');
  });

  it('never answers by itself a call marked as a pickup that this device did not ask for', async () => {
    const stray = engine().incoming('100', undefined, { sipCallId: 'sip-3', pickedUpFrom: '101' });
    expect(stray.state).toBe('ringing-in');
    expect(rang()).toBe(true);
    // asked for 101, but another call (another Call-ID, another callee) arrives: it rings too
    pickupReply(200, { sipCallId: 'sip-4' });
    const pending = invoke('calls.pickup', { number: '101' });
    await until('request sent', () => uc.requests.includes('POST /calls/pickup'));
    await new Promise((r) => setTimeout(r, 20));
    const other = engine().incoming('100', undefined, { sipCallId: 'sip-5', pickedUpFrom: '101' });
    const elsewhere = engine().incoming('100', undefined, { sipCallId: 'sip-4', pickedUpFrom: '103' });
    expect(other.state).toBe('ringing-in');
    expect(elsewhere.state).toBe('ringing-in');
    clock.advance(10_000);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it.each([
    [409, { error: 'conflict', message: 'nothing rings at 101' }, 'not-found'],
    [404, { error: 'not-found', message: 'no user 101' }, 'not-found'],
    [403, { error: 'forbidden', message: '101 is not visible' }, 'not-found'],
    [409, { error: 'not-registered', message: 'no phone' }, 'not-registered'],
    [503, { error: 'internal', message: 'the SIP proxy cannot be reached' }, 'server-unreachable'],
  ])('maps HTTP %i %j to %s', async (status, body, code) => {
    pickupReply(status, body);
    expect(await invoke('calls.pickup', { number: '101' })).toMatchObject({ ok: false, error: { code } });
    // nothing is left waiting: a call marked as that pickup rings like any other
    const call = engine().incoming('100', undefined, { sipCallId: 'sip-x', pickedUpFrom: '101' });
    expect(call.state).toBe('ringing-in');
  });

  it('answers server-unreachable offline and not-registered without a SIP registration', async () => {
    await uc.stop();
    expect(await invoke('calls.pickup', { number: '101' })).toMatchObject({
      ok: false,
      error: { code: 'server-unreachable' },
    });
    engine().setRegistration({ status: 'unreachable' });
    expect(await invoke('calls.pickup', { number: '101' })).toMatchObject({
      ok: false,
      error: { code: 'not-registered' },
    });
  });

  it('journals a call picked up by a colleague: the notice before the CANCEL', async () => {
    const call = engine().incoming('100', undefined, { sipCallId: 'sip-6' });
    uc.broadcast({ type: 'call-picked-up', sipCallId: 'sip-6', by: '103' });
    await new Promise((r) => setTimeout(r, 50));
    call.end('completed-elsewhere');
    expect((await journal())[0]).toMatchObject({
      result: 'rejected',
      reason: 'completed-elsewhere',
      pickedUpBy: '103',
    });
    const counters = await invoke('counters.get', {});
    expect(counters.ok && counters.value).toMatchObject({ missedCalls: 0 });
  });

  it('journals a call picked up by a colleague: the notice after the CANCEL', async () => {
    const call = engine().incoming('100', undefined, { sipCallId: 'sip-7' });
    call.end('completed-elsewhere');
    expect((await journal())[0]?.pickedUpBy).toBeUndefined();
    const before = eventsOf('journal.onDidChange').length;
    uc.broadcast({ type: 'call-picked-up', sipCallId: 'sip-7', by: '103' });
    await until('journal updated', () => eventsOf('journal.onDidChange').length > before);
    expect((await journal())[0]).toMatchObject({ reason: 'completed-elsewhere', pickedUpBy: '103' });
    // another device of ours answered (cause 200 without a pickup notice): not missed, nobody named
    const other = engine().incoming('100', undefined, { sipCallId: 'sip-8' });
    other.end('completed-elsewhere');
    const [latest] = await journal();
    expect(latest).toMatchObject({ result: 'rejected', reason: 'completed-elsewhere' });
    expect(latest!.pickedUpBy).toBeUndefined();
    expect(eventsOf('calls.onDidChange').at(-1)).toEqual(
      expect.arrayContaining([expect.objectContaining<Partial<CallView>>({ endReason: 'completed-elsewhere' })]),
    );
  });
});
