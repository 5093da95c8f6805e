/**
 * Call waiting (issue #15): the line's state machine (idle / ringing / active / waiting), the tone
 * it asks of the media host, and the rule "never two unheld calls" through AppCore with a fake
 * SIP engine: answering a waiting call holds the first, rejecting it leaves the first untouched,
 * dialing or resuming holds the call in progress first, a hold that fails stops the action.
 */
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../src-preload/contract/ipc-contract';
import {
  callsToHoldFor,
  lineStateOf,
  ringToneFor,
  unholdableCallFor,
  type LineCall,
  type LineState,
} from '../../../src-main/core/features/calls/call-waiting';
import { CallState } from '../../../src-main/core/features/calls';
import { useAppCoreFixture } from '../../support/app-core-harness';
import type { FakeCall } from '../../support/fake-phone';

const call = (id: string, state: CallState): LineCall => ({ id, state });

describe('line state machine', () => {
  const cases: Array<[string, LineCall[], LineState]> = [
    ['no call', [], 'idle'],
    ['only ended calls', [call('a', CallState.Terminated), call('b', CallState.Terminating)], 'idle'],
    ['one call ringing in', [call('a', CallState.RingingIn)], 'ringing'],
    [
      'two calls ringing in, none answered',
      [call('a', CallState.RingingIn), call('b', CallState.RingingIn)],
      'ringing',
    ],
    ['a call in progress', [call('a', CallState.Established)], 'active'],
    ['a held call', [call('a', CallState.Held)], 'active'],
    ['a call being placed', [call('a', CallState.Dialing)], 'active'],
    ['a call ringing out', [call('a', CallState.RingingOut)], 'active'],
    ['a call being answered', [call('a', CallState.Answering)], 'active'],
    ['a call rings during a call', [call('a', CallState.Established), call('b', CallState.RingingIn)], 'waiting'],
    ['a call rings while one is held', [call('a', CallState.Held), call('b', CallState.RingingIn)], 'waiting'],
    [
      'the second call rang and the first ended: plain ringing again',
      [call('a', CallState.Terminated), call('b', CallState.RingingIn)],
      'ringing',
    ],
  ];
  it.each(cases)('%s', (_what, calls, expected) => {
    expect(lineStateOf(calls)).toBe(expected);
  });

  it('a call answered by this device itself (pickup) does not ring', () => {
    expect(lineStateOf([call('a', CallState.RingingIn)], new Set(['a']))).toBe('idle');
    expect(lineStateOf([call('a', CallState.Established), call('b', CallState.RingingIn)], new Set(['b']))).toBe(
      'active',
    );
  });

  it('rings the full tone only with no call in progress, the waiting tone otherwise', () => {
    expect(ringToneFor('idle')).toBe('none');
    expect(ringToneFor('ringing')).toBe('ring');
    expect(ringToneFor('active')).toBe('none');
    expect(ringToneFor('waiting')).toBe('waiting');
    expect(() => ringToneFor('bogus' as LineState)).toThrow();
  });

  it('holds exactly the other calls whose audio flows', () => {
    const calls = [
      call('a', CallState.Established),
      call('b', CallState.Held),
      call('c', CallState.RingingIn),
      call('d', CallState.Established),
      call('e', CallState.Terminated),
    ];
    expect(callsToHoldFor(calls, 'c').map((c) => c.id)).toEqual(['a', 'd']);
    expect(callsToHoldFor(calls, 'a').map((c) => c.id)).toEqual(['d']);
    expect(callsToHoldFor(calls, undefined).map((c) => c.id)).toEqual(['a', 'd']);
    expect(unholdableCallFor([call('a', CallState.Answering)], 'b')?.id).toBe('a');
    expect(unholdableCallFor([call('a', CallState.Answering)], 'a')).toBeUndefined();
  });
});

describe('call waiting in AppCore', () => {
  const fx = useAppCoreFixture();
  const { invoke, engine, login } = fx;
  const ringRequests = () => fx.media.requests.filter((r) => r.method === 'setRinging').map((r) => r.params);

  async function inCallWith(peer: string): Promise<FakeCall> {
    await login();
    const first = engine().incoming(peer);
    expect((await invoke('calls.answer', { callId: first.id })).ok).toBe(true);
    expect(first.state).toBe('established');
    return first;
  }

  it('a second call rings with the waiting tone, and answering it holds the first', async () => {
    const first = await inCallWith('100');
    const second = engine().incoming('102');
    expect(ringRequests().at(-1)).toEqual({ ringing: true, tone: 'waiting' });
    // it is in the call list (calls panel, popup) next to the first
    const list = await invoke('calls.list');
    expect(list.ok && (list.value as CallView[]).map((c) => [c.id, c.state])).toEqual([
      [first.id, 'established'],
      [second.id, 'ringing-in'],
    ]);

    expect((await invoke('calls.answer', { callId: second.id })).ok).toBe(true);
    expect(first.state).toBe('held');
    expect(first.holdLog).toEqual([true]);
    expect(second.state).toBe('established');
    expect(ringRequests().at(-1)).toEqual({ ringing: false });
  });

  it('rejecting the waiting call leaves the first untouched', async () => {
    const first = await inCallWith('100');
    const second = engine().incoming('102');
    expect((await invoke('calls.reject', { callId: second.id })).ok).toBe(true);
    expect(first.state).toBe('established');
    expect(first.holdLog).toEqual([]);
    expect(ringRequests().at(-1)).toEqual({ ringing: false });
  });

  it('the waiting call turns into the full ring tone when the first call ends', async () => {
    const first = await inCallWith('100');
    engine().incoming('102');
    first.end('remote-hangup');
    expect(ringRequests().at(-1)).toEqual({ ringing: true });
  });

  it('a hold that fails stops the answer: the waiting call keeps ringing, the first stays live', async () => {
    const first = await inCallWith('100');
    const second = engine().incoming('102');
    first.holdFailure = new Error('re-INVITE rejected: 488');
    const r = await invoke('calls.answer', { callId: second.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(r.ok === false && r.error.message).toContain('could not be put on hold');
    expect(second.state).toBe('ringing-in');
    expect(first.state).toBe('established');
  });

  it('dialing while in a call holds the current one before the new call is placed', async () => {
    const first = await inCallWith('100');
    let heldWhenDialed: string | undefined;
    const unsubscribe = engine().onDidCreateCall(() => (heldWhenDialed = first.state));
    const r = await invoke('calls.dial', { target: '103' });
    unsubscribe();
    expect(r.ok).toBe(true);
    expect(heldWhenDialed).toBe('held');
    expect(engine().dialed).toEqual(['103']);
  });

  it('dialing is refused when the call in progress cannot be held, and nothing is dialed', async () => {
    const first = await inCallWith('100');
    first.holdFailure = new Error('re-INVITE timed out');
    const r = await invoke('calls.dial', { target: '103' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(engine().dialed).toEqual([]);
  });

  it('resuming a held call holds the one in progress first', async () => {
    const first = await inCallWith('100');
    const second = engine().incoming('102');
    expect((await invoke('calls.answer', { callId: second.id })).ok).toBe(true);
    expect((await invoke('calls.setHold', { callId: first.id, hold: false })).ok).toBe(true);
    expect(second.state).toBe('held');
    expect(first.state).toBe('established');
    const live = [first, second].filter((c) => c.state === 'established');
    expect(live).toHaveLength(1);
  });
});
