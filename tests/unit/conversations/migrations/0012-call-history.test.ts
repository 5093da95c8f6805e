import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../src-preload/contract/calls/call-history-http';
import { allMigrations } from '../../../../src-main/core/app/client-migrations';
import { CallHistoryStore } from '../../../../src-main/core/features/conversations/call-history-store';
import { migration0012CallHistory } from '../../../../src-main/core/features/conversations/migrations/0012-call-history';
import { runMigrations } from '../../../../src-main/core/platform/db/run-migrations';
import { schemaSnapshot } from '../../../support/schema-snapshot';

const upTo = (version: number) => allMigrations.filter((m) => m.version <= version);

const record = (over: Partial<CallRecord>): CallRecord => ({
  id: 1,
  sipCallId: 'a@b',
  direction: 'in',
  peer: '100',
  peerName: 'Alice',
  peerInternal: true,
  result: 'missed',
  deviceKind: null,
  via: null,
  origin: null,
  originNumber: null,
  startedAt: 1000,
  answeredAt: null,
  endedAt: 2000,
  durationMs: null,
  read: false,
  deleted: false,
  revision: 1,
  ...over,
});

describe('migration 0012 call-history', () => {
  it('creates the cache, its outbox and cursor; the store keeps accounts apart and applies tombstones', () => {
    expect(migration0012CallHistory.version).toBe(12);
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, upTo(11));
    runMigrations(db, upTo(12));
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    const mine = new CallHistoryStore(db, 'https://uc|101');
    const other = new CallHistoryStore(db, 'https://uc|102');
    mine.applyPage([record({ id: 1 }), record({ id: 2, peer: '102', startedAt: 3000, result: 'answered' })], 2);
    expect(mine.revision).toBe(2);
    expect(other.revision).toBe(0);
    expect(other.all()).toEqual([]);
    expect(mine.all().map((r) => r.id)).toEqual([2, 1]);
    // read here: the row changes and an outbox item waits, in one transaction
    expect(mine.markRead('100', 5000)).toBe(true);
    expect(mine.all().find((r) => r.id === 1)?.read).toBe(true);
    expect(mine.oldestOutbox()).toMatchObject({ kind: 'read', body: { peer: '100' } });
    expect(mine.markRead('100', 5001)).toBe(false);
    // a tombstone from the server deletes the row
    mine.applyPage([record({ id: 2, deleted: true, revision: 3 })], 3);
    expect(mine.all().map((r) => r.id)).toEqual([1]);
    // a bad row is refused by the schema
    expect(() =>
      db
        .prepare(
          "INSERT INTO call_history (account, id, peer, started_at, unread, record) VALUES ('a', 0, 'x', 1, 0, '{}')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('re-running is a no-op (runner and up() itself)', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, upTo(12));
    const before = schemaSnapshot(db);
    expect(runMigrations(db, upTo(12)).applied).toEqual([]);
    migration0012CallHistory.up(db);
    expect(schemaSnapshot(db)).toEqual(before);
    db.close();
  });
});
