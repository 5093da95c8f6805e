import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAccountDatabase } from '../../../src-main/core/app/client-migrations';
import { RECENT_DIALS_MAX, RecentDials } from '../../../src-main/core/features/calls/recent-dials';
import type { Clock } from '../../../src-main/core/platform/clock';

let db: Database;
beforeEach(() => {
  db = openAccountDatabase(':memory:');
});
afterEach(() => db.close());

/** A clock frozen at one instant: ordering must not depend on time resolution. */
const frozenClock: Clock = { now: () => 42, setTimeout: () => 0, clearTimeout: () => undefined };

describe('RecentDials', () => {
  it('starts empty', () => {
    expect(new RecentDials(db).list()).toEqual([]);
  });

  it('lists newest first, even when all dials share one timestamp', () => {
    const recent = new RecentDials(db, { clock: frozenClock });
    recent.add('101');
    recent.add('+33123456789');
    recent.add('*21#');
    expect(recent.list()).toEqual(['*21#', '+33123456789', '101']);
    expect(db.prepare('SELECT DISTINCT dialed_at FROM recent_dials').pluck().all()).toEqual([42]);
  });

  it('keeps targets distinct: re-dialing moves the target to the top', () => {
    const recent = new RecentDials(db);
    recent.add('101');
    recent.add('102');
    recent.add('101');
    expect(recent.list()).toEqual(['101', '102']);
  });

  it(`keeps only the last ${RECENT_DIALS_MAX}`, () => {
    const recent = new RecentDials(db);
    for (let i = 0; i < 25; i++) recent.add(`${100 + i}`);
    const expected = Array.from({ length: RECENT_DIALS_MAX }, (_, i) => `${124 - i}`);
    expect(recent.list()).toEqual(expected);
    expect(db.prepare('SELECT count(*) FROM recent_dials').pluck().get()).toBe(RECENT_DIALS_MAX);
  });

  it('persists across instances and honours a custom max', () => {
    new RecentDials(db).add('101');
    const small = new RecentDials(db, { max: 2 });
    small.add('102');
    small.add('103');
    expect(small.list()).toEqual(['103', '102']);
  });

  it('rejects empty or huge targets and a bad max', () => {
    const recent = new RecentDials(db);
    expect(() => recent.add('')).toThrow(TypeError);
    expect(() => recent.add('1'.repeat(257))).toThrow(TypeError);
    expect(recent.list()).toEqual([]);
    expect(() => new RecentDials(db, { max: 0 })).toThrow(RangeError);
  });
});
