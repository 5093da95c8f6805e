import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../../../../src-main/core/app/client-migrations';
import { migration0001CallJournal } from '../../../../src-main/core/features/calls/migrations/0001-call-journal';
import { runMigrations } from '../../../../src-main/core/platform/db/run-migrations';
import { columnsOf, schemaSnapshot } from '../../../support/schema-snapshot';

function migrated() {
  const db = new BetterSqlite3(':memory:');
  runMigrations(db, allMigrations.slice(0, 1));
  return db;
}

const row = {
  call_id: 'c1',
  direction: 'incoming',
  peer: '101',
  started_at: 1,
  ended_at: 2,
  result: 'missed',
};
const insert =
  'INSERT INTO call_journal (call_id, direction, peer, started_at, ended_at, result) ' +
  'VALUES (@call_id, @direction, @peer, @started_at, @ended_at, @result)';

describe('migration 0001 call-journal', () => {
  it('is version 1 and creates call_journal with its columns and started_at index', () => {
    expect(migration0001CallJournal.version).toBe(1);
    const db = migrated();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(columnsOf(db, 'call_journal')).toEqual({
      id: { type: 'INTEGER', notnull: false, pk: 1 },
      call_id: { type: 'TEXT', notnull: true, pk: 0 },
      direction: { type: 'TEXT', notnull: true, pk: 0 },
      peer: { type: 'TEXT', notnull: true, pk: 0 },
      peer_name: { type: 'TEXT', notnull: false, pk: 0 },
      started_at: { type: 'INTEGER', notnull: true, pk: 0 },
      answered_at: { type: 'INTEGER', notnull: false, pk: 0 },
      ended_at: { type: 'INTEGER', notnull: true, pk: 0 },
      result: { type: 'TEXT', notnull: true, pk: 0 },
      reason: { type: 'TEXT', notnull: false, pk: 0 },
    });
    const indexes = db.pragma('index_list(call_journal)') as { name: string; unique: number }[];
    expect(indexes.find((i) => i.name === 'call_journal_started_at')).toMatchObject({ unique: 0 });
    const indexed = db.pragma('index_info(call_journal_started_at)') as { name: string }[];
    expect(indexed.map((c) => c.name)).toEqual(['started_at']);
    db.close();
  });

  it('enforces call_id uniqueness and the direction/result CHECKs', () => {
    const db = migrated();
    const stmt = db.prepare(insert);
    stmt.run(row);
    expect(() => stmt.run(row)).toThrow(/UNIQUE/);
    expect(() => stmt.run({ ...row, call_id: 'c2', direction: 'sideways' })).toThrow(/CHECK/);
    expect(() => stmt.run({ ...row, call_id: 'c3', result: 'lost' })).toThrow(/CHECK/);
    expect(() => stmt.run({ ...row, call_id: '' })).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) FROM call_journal').pluck().get()).toBe(1);
    db.close();
  });

  it('re-running is a no-op (runner and up() itself)', () => {
    const db = migrated();
    db.prepare(insert).run(row);
    const before = schemaSnapshot(db);
    expect(runMigrations(db, allMigrations.slice(0, 1)).applied).toEqual([]);
    migration0001CallJournal.up(db);
    expect(schemaSnapshot(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM call_journal').pluck().get()).toBe(1);
    db.close();
  });
});
