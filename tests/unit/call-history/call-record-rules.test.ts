/**
 * The call history's rules (server/src/features/call-history/call-record-rules.ts): how Kamailio's
 * events of one call become one record per party.
 */
import { describe, expect, it } from 'vitest';
import {
  applyCallEvent,
  failedResult,
  type CallEvent,
  type PartyRecord,
} from '../../../server/src/features/call-history/call-record-rules';

const NAMES: Record<string, string> = { '100': 'Alice', '101': 'Bruno', '102': 'Chloé' };
const accounts = (n: string): { name: string } | undefined => (NAMES[n] ? { name: NAMES[n] } : undefined);

const start = (over: Partial<Extract<CallEvent, { e: 'start' }>> = {}): CallEvent => ({
  e: 'start',
  ci: 'c1',
  at: 1000,
  from: '100',
  name: 'Alice (phone)',
  ours: true,
  to: '101',
  proto: 'ws',
  referredBy: '',
  ...over,
});

/** Applies events in order from no record; returns the records. */
function run(...events: CallEvent[]): PartyRecord[] {
  let records: PartyRecord[] = [];
  for (const event of events) records = applyCallEvent(records, event, accounts).records;
  return records;
}
const of = (records: PartyRecord[], number: string, direction: 'in' | 'out'): PartyRecord | undefined =>
  records.find((r) => r.number === number && r.direction === direction);

describe('applyCallEvent', () => {
  it('an answered internal call: both parties, names from the accounts, device kinds, times', () => {
    const r = run(
      start(),
      { e: 'answer', ci: 'c1', at: 3000, proto: 'udp' },
      { e: 'bye', ci: 'c1', at: 9000, by: '100' },
    );
    expect(of(r, '100', 'out')).toMatchObject({
      peer: '101',
      peerName: 'Bruno',
      result: 'answered',
      deviceKind: 'app',
      answeredAt: 3000,
      endedAt: 9000,
    });
    expect(of(r, '101', 'in')).toMatchObject({
      peer: '100',
      peerName: 'Alice',
      peerInternal: true,
      result: 'answered',
      deviceKind: 'sip-phone',
      startedAt: 1000,
    });
  });

  it('an external caller: only the callee has a record, with the display name the call brought', () => {
    const r = run(start({ from: '+33612345678', name: 'Jean', ours: false }));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ number: '101', peer: '+33612345678', peerName: 'Jean', peerInternal: false });
  });

  it('a call to an external number: only the caller has a record', () => {
    const r = run(start({ to: '0612345678' }), { e: 'fail', ci: 'c1', at: 2000, code: 404, cancel: false });
    expect(r).toEqual([expect.objectContaining({ number: '100', peer: '0612345678', result: 'failed' })]);
  });

  it('the caller gives up: missed for the callee, not answered for the caller', () => {
    const r = run(start(), { e: 'fail', ci: 'c1', at: 5000, code: 487, cancel: true });
    expect(of(r, '101', 'in')).toMatchObject({ result: 'missed', endedAt: 5000, answeredAt: null });
    expect(of(r, '100', 'out')?.result).toBe('not-answered');
  });

  it('maps final statuses', () => {
    expect(failedResult('in', 603, false)).toBe('rejected');
    expect(failedResult('out', 603, false)).toBe('rejected');
    expect(failedResult('in', 486, false)).toBe('busy');
    expect(failedResult('in', 480, false)).toBe('missed');
    expect(failedResult('out', 480, false)).toBe('not-answered');
    expect(failedResult('out', 404, false)).toBe('failed');
  });

  it('deflected to a colleague: the callee says to whom, the colleague from whom', () => {
    const r = run(
      start(),
      { e: 'redirect', ci: 'c1', at: 2000, to: '102' },
      { e: 'answer', ci: 'c1', at: 3000, proto: 'ws' },
    );
    expect(of(r, '101', 'in')).toMatchObject({ result: 'deflected', via: '102', endedAt: 2000 });
    expect(of(r, '102', 'in')).toMatchObject({
      result: 'answered',
      peer: '100',
      origin: 'deflected',
      originNumber: '101',
      startedAt: 2000,
    });
    expect(of(r, '100', 'out')?.result).toBe('answered');
  });

  it('deflected to the mailbox, or routed there: voicemail for both', () => {
    const deflected = run(
      start(),
      { e: 'redirect', ci: 'c1', at: 2000, to: 'vm101' },
      { e: 'answer', ci: 'c1', at: 2500, proto: 'ws' },
    );
    expect(of(deflected, '101', 'in')?.result).toBe('voicemail');
    expect(of(deflected, '100', 'out')?.result).toBe('voicemail');
    const routed = run(start({ to: 'vm101' }));
    expect(of(routed, '101', 'in')?.result).toBe('voicemail');
    expect(of(routed, '100', 'out')).toMatchObject({ peer: '101', via: 'voicemail' });
    // the caller hung up before the mailbox answered: a missed call after all
    const gaveUp = run(start({ to: 'vm101' }), { e: 'fail', ci: 'c1', at: 1500, code: 487, cancel: true });
    expect(of(gaveUp, '101', 'in')?.result).toBe('missed');
  });

  it('picked up: the callee says by whom, the picker has the call', () => {
    const r = run(
      start(),
      { e: 'picked-up', ci: 'c1', at: 2000, callee: '101', by: '102' },
      { e: 'answer', ci: 'c1', at: 2100, proto: 'ws' },
    );
    expect(of(r, '101', 'in')).toMatchObject({ result: 'picked-up', via: '102' });
    expect(of(r, '102', 'in')).toMatchObject({ result: 'answered', origin: 'picked-up', originNumber: '101' });
  });

  it('a transfer: the new callee sees who transferred the call', () => {
    const r = run(start({ from: '102', referredBy: '101' }));
    expect(of(r, '101', 'in')).toMatchObject({ peer: '102', origin: 'transferred', originNumber: '101' });
  });

  it('ignores events of calls it does not know, a second start and a second answer', () => {
    expect(applyCallEvent([], { e: 'answer', ci: 'x', at: 1, proto: 'ws' }, accounts).changed.size).toBe(0);
    const once = run(start());
    expect(applyCallEvent(once, start({ at: 9 }), accounts).changed.size).toBe(0);
    const answered = run(start(), { e: 'answer', ci: 'c1', at: 3000, proto: 'ws' });
    const again = applyCallEvent(answered, { e: 'answer', ci: 'c1', at: 4000, proto: 'udp' }, accounts);
    expect(again.changed.size).toBe(0);
  });
});
