/**
 * The History tab from the server's call history (issue #13: one call history for all devices):
 * records → journal entries (conversations/journal-from-records.ts) and the merge with this device's
 * journal (calls/journal/merge-journals.ts).
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src-preload/contract/calls/call-history-http';
import { callRecordFixture } from '../../support/call-record-fixture';
import type { JournalEntry } from '../../../src-preload/contract/calls/calls-ipc';
import { journalFromRecords } from '../../../src-main/core/features/conversations/journal-from-records';
import { mergeJournals } from '../../../src-main/core/features/calls/journal/merge-journals';

let nextId = 1;
const record = (over: Partial<CallRecord>): CallRecord => callRecordFixture(nextId++, over);
const local = (over: Partial<JournalEntry>): JournalEntry => ({
  id: nextId++,
  callId: `l${nextId}`,
  direction: 'incoming',
  peer: '100',
  startedAt: 1000,
  endedAt: 2000,
  result: 'missed',
  ...over,
});

describe('journalFromRecords', () => {
  it('words every ended record as the device journal does, newest first; skips ringing and deleted ones', () => {
    const rows = journalFromRecords([
      record({ sipCallId: 'a', startedAt: 1, result: 'answered' }),
      record({ sipCallId: 'b', startedAt: 2, result: 'missed', answeredAt: null }),
      record({ sipCallId: 'c', startedAt: 3, result: 'picked-up', via: '102', answeredAt: null }),
      record({ sipCallId: 'd', startedAt: 4, result: 'deflected', via: '103' }),
      record({ sipCallId: 'e', startedAt: 5, result: 'voicemail' }),
      record({ sipCallId: 'f', startedAt: 6, direction: 'out', result: 'voicemail' }),
      record({ sipCallId: 'g', startedAt: 7, direction: 'out', result: 'not-answered', endedAt: null }),
      record({ sipCallId: 'h', startedAt: 8, direction: 'out', result: 'busy' }),
      record({ sipCallId: 'i', startedAt: 9, result: 'ringing' }),
      record({ sipCallId: 'j', startedAt: 10, result: 'rejected', deleted: true }),
    ]);
    expect(rows.map((r) => [r.callId, r.direction, r.result, r.reason, r.pickedUpBy])).toEqual([
      ['h', 'outgoing', 'failed', 'busy', undefined],
      ['g', 'outgoing', 'failed', 'cancelled', undefined],
      ['f', 'outgoing', 'answered', 'voicemail', undefined],
      ['e', 'incoming', 'missed', 'voicemail', undefined],
      ['d', 'incoming', 'rejected', 'deflected', undefined],
      ['c', 'incoming', 'rejected', 'completed-elsewhere', '102'],
      ['b', 'incoming', 'missed', undefined, undefined],
      ['a', 'incoming', 'answered', undefined, undefined],
    ]);
    // an unfinished end time falls back to the start; ids never clash with the device journal's
    expect(rows[1]).toMatchObject({ endedAt: 7, peerName: 'Alice' });
    expect(rows.every((r) => r.id < 0)).toBe(true);
  });
});

describe('mergeJournals', () => {
  it("the server's record wins for a call both know (answered on another device, missed here)", () => {
    const server = journalFromRecords([record({ sipCallId: 'x', startedAt: 100, result: 'answered' })]);
    const merged = mergeJournals(server, [local({ callId: 'app-1', startedAt: 1100, result: 'rejected' })], 10);
    expect(merged.map((e) => [e.callId, e.result])).toEqual([['x', 'answered']]);
    // the same result: this device's entry says more (who hung up)
    const same = local({ callId: 'app-2', startedAt: 900, result: 'answered', reason: 'local-hangup' });
    expect(mergeJournals(server, [same], 10)).toEqual([same]);
  });

  it('keeps local calls the server has not reported yet, drops older local ones (deleted from the history)', () => {
    const server = journalFromRecords([record({ sipCallId: 's', startedAt: 100 })]);
    const merged = mergeJournals(
      server,
      [local({ callId: 'new', startedAt: 20_200 }), local({ callId: 'old', peer: '999', startedAt: 50 })],
      10,
    );
    expect(merged.map((e) => e.callId)).toEqual(['new', 's']);
    expect(mergeJournals(server, [local({ callId: 'new', startedAt: 20_200 })], 1).map((e) => e.callId)).toEqual([
      'new',
    ]);
    // no server history yet (first sync, offline): the device journal as it is
    expect(mergeJournals([], [local({ callId: 'old', startedAt: 50 })], 10).map((e) => e.callId)).toEqual(['old']);
  });
});
