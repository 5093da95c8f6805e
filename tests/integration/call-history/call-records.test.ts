/**
 * The server-side call history (issue #13 item 3) through the real servers: SIP engines (sip.js +
 * werift) call each other through Kamailio, which reports every call's milestones to the UC server
 * (kamailio.cfg route[CALLS_*]); the server's records are read back with GET /calls as each user.
 * Answered, missed (caller gave up), rejected, deflected, picked up, nobody registered, transferred;
 * each user sees only their own records; read and delete reach the user's other devices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallHistoryResponse, CallRecord } from '../../../src-preload/contract/calls';
import { PICKUP_PATH } from '../../../src-preload/contract/calls/calls-http';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { until } from '../../support/app-core-harness';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { openLiveEvents } from '../../support/open-live-events';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Caller' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Called' },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Colleague' },
  { number: '103', password: 'Welcome103!', displayName: 'David Offline' },
];

describe('call history on the server (issue #13)', () => {
  let stack: UcStack;
  const phones = new Map<string, TestPhone>();
  const received = new Map<string, Call[]>();
  const tokens = new Map<string, string>();

  const phone = (n: string): TestPhone => phones.get(n)!;
  const lastCallAt = (n: string): Call | undefined => received.get(n)!.at(-1);

  const history = async (n: string, since = 0): Promise<CallHistoryResponse> => {
    const res = await fetch(`${stack.apiUrl}/calls?since=${since}`, {
      headers: { authorization: `Bearer ${tokens.get(n)}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as CallHistoryResponse;
  };
  const recordOf = async (n: string, sipCallId: string, direction: 'in' | 'out'): Promise<CallRecord | undefined> =>
    (await history(n)).calls.find((c) => c.sipCallId === sipCallId && c.direction === direction);
  /** Waits until `n`'s record of the call matches `check` (the drain posts every 100 ms). */
  const waitRecord = async (
    n: string,
    sipCallId: string,
    direction: 'in' | 'out',
    check: (r: CallRecord) => boolean,
  ): Promise<CallRecord> => {
    let record: CallRecord | undefined;
    await until(`${n}'s ${direction} record of ${sipCallId}`, async () => {
      record = await recordOf(n, sipCallId, direction);
      return record !== undefined && check(record);
    });
    return record!;
  };
  const post = async (n: string, path: string, body: unknown): Promise<Response> =>
    fetch(`${stack.apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(n)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** `from` dials `to` and waits until it rings there; returns both ends. */
  const ring = async (from: string, to: string): Promise<{ out: Call; inc: Call }> => {
    const before = received.get(to)!.length;
    const out = phone(from).engine.dial(to);
    await waitFor(`${to} rings`, () => received.get(to)!.length === before + 1, 10_000);
    await waitFor(`${from} hears ringing`, () => out.state === CallState.RingingOut, 10_000);
    return { out, inc: lastCallAt(to)! };
  };
  const sipCallIdOf = (call: Call): string => call.sipCallId;

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    for (const n of ['100', '101', '102']) {
      const p = createPhone(sip, n);
      received.set(n, []);
      p.engine.onDidReceiveCall((c) => received.get(n)!.push(c));
      expect((await p.engine.start()).status).toBe('registered');
      phones.set(n, p);
    }
    for (const u of USERS) tokens.set(u.number, await loginAccessToken(stack.apiUrl, u.number, u.password));
  }, 60_000);

  afterAll(async () => {
    for (const p of phones.values()) await p.dispose().catch(() => undefined);
    await stack?.stop();
  });

  it('an answered call: both parties, answer and end times, the device kind', async () => {
    const { out, inc } = await ring('100', '101');
    await inc.answer();
    await waitFor('established', () => out.state === CallState.Established, 10_000);
    await sleep(300);
    await out.hangup();
    const id = sipCallIdOf(out);
    const callee = await waitRecord('101', id, 'in', (r) => r.endedAt !== null);
    expect(callee).toMatchObject({
      peer: '100',
      peerName: 'Alice Caller',
      peerInternal: true,
      result: 'answered',
      deviceKind: 'app',
      read: false,
      deleted: false,
    });
    expect(callee.durationMs).toBeGreaterThanOrEqual(250);
    expect(callee.answeredAt).toBeGreaterThanOrEqual(callee.startedAt);
    const caller = await waitRecord('100', id, 'out', (r) => r.endedAt !== null);
    expect(caller).toMatchObject({ peer: '101', peerName: 'Bruno Called', result: 'answered', deviceKind: 'app' });
    // nobody else sees it
    expect((await history('102')).calls.some((c) => c.sipCallId === id)).toBe(false);
  });

  it('a missed call: the caller gave up while it rang', async () => {
    const { out } = await ring('100', '101');
    await out.hangup();
    const id = sipCallIdOf(out);
    expect(await waitRecord('101', id, 'in', (r) => r.result !== 'ringing')).toMatchObject({
      result: 'missed',
      answeredAt: null,
      durationMs: null,
    });
    expect((await waitRecord('100', id, 'out', (r) => r.result !== 'ringing')).result).toBe('not-answered');
  });

  it('a rejected call (603 Decline)', async () => {
    const { out, inc } = await ring('100', '101');
    await inc.reject('decline');
    const id = sipCallIdOf(out);
    expect((await waitRecord('101', id, 'in', (r) => r.result !== 'ringing')).result).toBe('rejected');
    expect((await waitRecord('100', id, 'out', (r) => r.result !== 'ringing')).result).toBe('rejected');
  });

  it('nobody registered: the callee has a missed call, the caller one not answered', async () => {
    const out = phone('100').engine.dial('103');
    await waitFor('the call fails', () => out.state === CallState.Terminated, 10_000);
    const id = sipCallIdOf(out);
    expect((await waitRecord('103', id, 'in', (r) => r.result !== 'ringing')).result).toBe('missed');
    expect((await waitRecord('100', id, 'out', (r) => r.result !== 'ringing')).result).toBe('not-answered');
  });

  it('a deflected call: the callee says to whom, the new callee says from whom', async () => {
    const { out, inc } = await ring('100', '101');
    const before = received.get('102')!.length;
    await inc.deflect(`sip:102@${stack.kamailio.domain}`);
    await waitFor('102 rings', () => received.get('102')!.length === before + 1, 10_000);
    await lastCallAt('102')!.answer();
    await waitFor('established', () => out.state === CallState.Established, 10_000);
    await out.hangup();
    const id = sipCallIdOf(out);
    expect(await waitRecord('101', id, 'in', (r) => r.result !== 'ringing')).toMatchObject({
      result: 'deflected',
      via: '102',
    });
    expect(await waitRecord('102', id, 'in', (r) => r.endedAt !== null)).toMatchObject({
      result: 'answered',
      peer: '100',
      origin: 'deflected',
      originNumber: '101',
    });
    expect((await waitRecord('100', id, 'out', (r) => r.endedAt !== null)).result).toBe('answered');
  });

  it('a picked-up call: the callee says by whom, the picker has it answered', async () => {
    const { out } = await ring('100', '101');
    const id = sipCallIdOf(out);
    const before = received.get('102')!.length;
    const res = await post('102', PICKUP_PATH, { number: '101' });
    expect(res.status).toBe(200);
    await waitFor('the call reaches 102', () => received.get('102')!.length === before + 1, 10_000);
    await lastCallAt('102')!.answer();
    await waitFor('established', () => out.state === CallState.Established, 10_000);
    await out.hangup();
    expect(await waitRecord('101', id, 'in', (r) => r.result !== 'ringing')).toMatchObject({
      result: 'picked-up',
      via: '102',
    });
    expect(await waitRecord('102', id, 'in', (r) => r.endedAt !== null)).toMatchObject({
      result: 'answered',
      peer: '100',
      origin: 'picked-up',
      originNumber: '101',
    });
    expect((await waitRecord('100', id, 'out', (r) => r.endedAt !== null)).result).toBe('answered');
  });

  it('do not disturb without a mailbox: busy for both (the proxy answers 486 itself)', async () => {
    const presence = (state: string): Promise<Response> =>
      fetch(`${stack.apiUrl}/me/presence`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens.get('101')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ state }),
      });
    expect((await presence('dnd')).status).toBe(200);
    try {
      const out = phone('100').engine.dial('101');
      await waitFor('the call is refused', () => out.state === CallState.Terminated, 10_000);
      const id = sipCallIdOf(out);
      expect((await waitRecord('101', id, 'in', (r) => r.result !== 'ringing')).result).toBe('busy');
      expect((await waitRecord('100', id, 'out', (r) => r.result !== 'ringing')).result).toBe('busy');
    } finally {
      expect((await presence('office')).status).toBe(200);
    }
  });

  it('a transfer: the new callee sees who transferred the call', async () => {
    const { out, inc } = await ring('100', '101');
    await inc.answer();
    await waitFor('established', () => out.state === CallState.Established, 10_000);
    const before = received.get('102')!.length;
    await inc.transfer(`sip:102@${stack.kamailio.domain}`);
    await waitFor('102 rings', () => received.get('102')!.length === before + 1, 10_000);
    const transferred = lastCallAt('102')!;
    await transferred.answer();
    await waitFor('the transferred call is up', () => transferred.state === CallState.Established, 10_000);
    await transferred.hangup();
    const record = await waitRecord('102', transferred.sipCallId, 'in', (r) => r.endedAt !== null);
    expect(record).toMatchObject({
      peer: '100',
      result: 'answered',
      origin: 'transferred',
      originNumber: '101',
    });
    // the first call ended for both when 101 left it
    expect((await waitRecord('101', sipCallIdOf(out), 'in', (r) => r.endedAt !== null)).result).toBe('answered');
  });

  it('read and delete: calls-changed on every device, tombstones, only the own records', async () => {
    const events = await openLiveEvents(stack.apiUrl, tokens.get('101')!);
    try {
      const before = await history('101');
      const unread = before.calls.filter((c) => c.peer === '100' && !c.read && !c.deleted);
      expect(unread.length).toBeGreaterThan(0);
      const read = (await (await post('101', '/calls/read', { peer: '100' })).json()) as { updated: number };
      expect(read.updated).toBe(unread.length);
      await until('calls-changed reaches the other device', async () =>
        events.events.some((e) => e.type === 'calls-changed'),
      );
      const after = await history('101', before.revision);
      expect(after.calls.length).toBe(unread.length);
      expect(after.calls.every((c) => c.read)).toBe(true);

      // someone else's record id is not found for this user: nothing changes
      const aliceOwn = (await history('100')).calls[0]!;
      expect(
        ((await (await post('101', '/calls/delete', { id: aliceOwn.id })).json()) as { updated: number }).updated,
      ).toBe(0);
      expect((await history('100')).calls.find((c) => c.id === aliceOwn.id)?.deleted).toBe(false);

      const one = after.calls[0]!;
      await post('101', '/calls/delete', { id: one.id });
      const tomb = await history('101', after.revision);
      expect(tomb.calls).toEqual([expect.objectContaining({ id: one.id, deleted: true })]);
      const all = (await (await post('101', '/calls/delete', { all: true })).json()) as { updated: number };
      expect(all.updated).toBeGreaterThan(0);
      expect((await history('101', tomb.revision)).calls.every((c) => c.deleted)).toBe(true);
    } finally {
      events.close();
    }
  });

  it('refuses anonymous readers and forged call events', async () => {
    expect((await fetch(`${stack.apiUrl}/calls`)).status).toBe(401);
    const forged = await fetch(`${stack.apiUrl}/internal/call-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-uc-routing-secret': 'nope' },
      body: JSON.stringify({ events: [] }),
    });
    expect(forged.status).toBe(401);
  });
});
