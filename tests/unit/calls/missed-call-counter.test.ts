import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAccountDatabase } from '../../../src-main/core/app/client-migrations';
import { JournalStore } from '../../../src-main/core/features/calls/journal/journal-store';
import { MissedCallCounter } from '../../../src-main/core/features/calls/missed-call-counter';
import { SettingsStore, SqliteSettingsSource } from '../../../src-main/core/features/settings/settings-store';
import { ManualClock } from '../../support/manual-clock';

let db: Database;
let journal: JournalStore;
let settings: SettingsStore;
let clock: ManualClock;
let n = 0;

const record = (result: 'missed' | 'answered' | 'rejected', endedAt: number) =>
  journal.record({
    callId: `c${++n}`,
    direction: 'incoming',
    peer: '102',
    startedAt: endedAt - 1000,
    endedAt,
    result,
  });

beforeEach(() => {
  db = openAccountDatabase(':memory:');
  journal = new JournalStore(db);
  settings = new SettingsStore(new SqliteSettingsSource(db), {});
  clock = new ManualClock();
});
afterEach(() => db.close());

describe('MissedCallCounter', () => {
  it('counts missed incoming calls only, until markSeen', () => {
    const counter = new MissedCallCounter(db, settings, clock);
    expect(counter.count()).toBe(0);
    record('missed', clock.now() - 5000);
    record('answered', clock.now() - 4000);
    record('rejected', clock.now() - 3000);
    record('missed', clock.now() - 2000);
    expect(counter.count()).toBe(2);
    expect(counter.markSeen()).toBe(0);
    clock.advance(1000);
    record('missed', clock.now());
    expect(counter.count()).toBe(1);
  });

  it('keeps the mark across restarts (settings table), without touching the user settings', () => {
    record('missed', clock.now() - 1000);
    new MissedCallCounter(db, settings, clock).markSeen();
    const again = new MissedCallCounter(db, new SettingsStore(new SqliteSettingsSource(db), {}), clock);
    expect(again.count()).toBe(0);
    expect(Object.keys(settings.get())).not.toContain('missedCallsSeenAt');
  });

  it('an entry stamped ahead of our clock is not counted again after markSeen', () => {
    const counter = new MissedCallCounter(db, settings, clock);
    record('missed', clock.now() + 60_000);
    counter.markSeen();
    expect(counter.count()).toBe(0);
  });
});
