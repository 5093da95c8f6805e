import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../src-preload/contract/ipc-contract';
import { openAccountDatabase } from '../../../../src-main/core/app/client-migrations';
import { JournalStore } from '../../../../src-main/core/features/calls/journal/journal-store';

let db: Database;
let store: JournalStore;
beforeEach(() => {
  db = openAccountDatabase(':memory:');
  store = new JournalStore(db);
});
afterEach(() => db.close());

function entry(overrides: Partial<Omit<JournalEntry, 'id'>> = {}): Omit<JournalEntry, 'id'> {
  return {
    callId: 'call-1',
    direction: 'outgoing',
    peer: '102',
    startedAt: 1_000,
    endedAt: 5_000,
    result: 'failed',
    reason: 'cancelled',
    ...overrides,
  };
}

describe('JournalStore', () => {
  it('records an entry and returns it with an id; optional fields absent stay absent', () => {
    const stored = store.record(entry());
    expect(stored).toEqual({ id: expect.any(Number), ...entry() });
    expect(Object.keys(stored)).not.toContain('peerName');
    expect(Object.keys(stored)).not.toContain('answeredAt');
    expect(store.list()).toEqual([stored]);
  });

  it('remembers the last name a peer had (a number dialed from a contact shows that name later)', () => {
    store.record(entry({ callId: 'a', peerName: 'Zoé', startedAt: 1_000 }));
    store.record(entry({ callId: 'b', peerName: 'Zoé Martin', startedAt: 2_000, endedAt: 6_000 }));
    store.record(entry({ callId: 'c', startedAt: 3_000, endedAt: 6_000 }));
    expect(store.lastPeerName('102')).toBe('Zoé Martin');
    expect(store.lastPeerName('103')).toBeUndefined();
  });

  it('round-trips every field', () => {
    const full = entry({ peerName: 'Alice Martin', answeredAt: 2_000, result: 'answered', reason: 'remote-hangup' });
    expect(store.record(full)).toMatchObject(full);
    expect(store.list()[0]).toEqual({ id: expect.any(Number), ...full });
  });

  it('notes who picked a call up (SPEC D3), on record or later', () => {
    const picked = entry({
      direction: 'incoming',
      result: 'rejected',
      reason: 'completed-elsewhere',
      pickedUpBy: '103',
    });
    expect(store.record(picked)).toMatchObject({ pickedUpBy: '103' });
    store.record(entry({ callId: 'call-2', direction: 'incoming', result: 'rejected', reason: 'completed-elsewhere' }));
    let fired = 0;
    store.onDidChange(() => fired++);
    expect(store.setPickedUpBy('call-2', '104')).toBe(true);
    expect(store.setPickedUpBy('nope', '104')).toBe(false);
    expect(fired).toBe(1);
    expect(store.list().map((e) => e.pickedUpBy)).toEqual(['104', '103']);
    expect(() => store.setPickedUpBy('call-2', '')).toThrow(TypeError);
    expect(() => store.record(entry({ callId: 'call-3', pickedUpBy: 'x'.repeat(65) }))).toThrow(TypeError);
  });

  it('is idempotent on callId: a second record updates the same row', () => {
    const first = store.record(entry());
    const second = store.record(entry({ result: 'answered', answeredAt: 2_000, reason: 'local-hangup' }));
    expect(second.id).toBe(first.id);
    const all = store.list();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ result: 'answered', answeredAt: 2_000, reason: 'local-hangup' });
    // Clearing an optional field on update really clears it.
    store.record(entry({ reason: undefined }));
    expect(store.list()[0]).not.toHaveProperty('reason');
    expect(store.list()[0]).not.toHaveProperty('answeredAt');
  });

  it('lists newest first and honours the limit', () => {
    for (let i = 0; i < 5; i++) store.record(entry({ callId: `c${i}`, startedAt: 1_000 + i * 10, endedAt: 9_000 }));
    // Recorded last but started earliest: ordering is by startedAt, not insertion.
    store.record(entry({ callId: 'old', startedAt: 10, endedAt: 20 }));
    expect(store.list().map((e) => e.callId)).toEqual(['c4', 'c3', 'c2', 'c1', 'c0', 'old']);
    expect(store.list(2).map((e) => e.callId)).toEqual(['c4', 'c3']);
  });

  it('defaults to 200 entries', () => {
    const insertMany = db.transaction(() => {
      for (let i = 0; i < 205; i++) store.record(entry({ callId: `c${i}`, startedAt: i, endedAt: i }));
    });
    insertMany();
    const listed = store.list();
    expect(listed).toHaveLength(200);
    expect(listed[0]?.callId).toBe('c204');
  });

  it('rejects an invalid limit', () => {
    for (const limit of [0, -1, 1.5, 1001, Number.NaN]) expect(() => store.list(limit)).toThrow(RangeError);
  });

  it('clear() removes everything', () => {
    store.record(entry({ callId: 'a' }));
    store.record(entry({ callId: 'b' }));
    store.clear();
    expect(store.list()).toEqual([]);
  });

  it('fires onDidChange after record and clear, and unsubscribes', () => {
    let count = 0;
    const off = store.onDidChange(() => count++);
    store.record(entry());
    store.clear();
    expect(count).toBe(2);
    off();
    store.record(entry());
    expect(count).toBe(2);
  });

  it.each([
    ['empty callId', { callId: '' }, /callId/],
    ['too long callId', { callId: 'x'.repeat(129) }, /callId/],
    ['bad direction', { direction: 'sideways' }, /direction/],
    ['bad result', { result: 'lost' }, /result/],
    ['bad reason', { reason: 'vanished' }, /reason/],
    ['fractional time', { startedAt: 1.5 }, /startedAt/],
    ['negative time', { endedAt: -1 }, /endedAt/],
    ['end before start', { startedAt: 10, endedAt: 5 }, /before startedAt/],
    ['answer after end', { answeredAt: 9_999 }, /answeredAt/],
    ['non-string peer', { peer: 42 }, /peer/],
  ])('rejects %s without writing anything', (_name, overrides, message) => {
    expect(() => store.record(entry(overrides as Partial<JournalEntry>))).toThrow(message);
    expect(store.list()).toEqual([]);
  });
});
