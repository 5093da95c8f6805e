import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../../../../src-main/core/app/client-migrations';
import { migration0011JournalPickedUpBy } from '../../../../src-main/core/features/calls/migrations/0011-journal-picked-up-by';
import { runMigrations } from '../../../../src-main/core/platform/db/run-migrations';
import { columnsOf, schemaSnapshot } from '../../../support/schema-snapshot';

const upTo = (version: number) => allMigrations.filter((m) => m.version <= version);
const insert = `INSERT INTO call_journal (call_id, direction, peer, started_at, ended_at, result)
                VALUES (?, 'incoming', '100', 1, 2, 'missed')`;

describe('migration 0011 journal-picked-up-by', () => {
  it('adds picked_up_by to a journal that already holds calls, which keep it NULL', () => {
    expect(migration0011JournalPickedUpBy.version).toBe(11);
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, upTo(10));
    db.prepare(insert).run('before');
    runMigrations(db, upTo(11));
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    expect(columnsOf(db, 'call_journal').picked_up_by).toEqual({ type: 'TEXT', notnull: false, pk: 0 });
    expect(db.prepare('SELECT picked_up_by FROM call_journal').pluck().get()).toBeNull();
    db.prepare(insert).run('after');
    db.prepare("UPDATE call_journal SET picked_up_by = '101' WHERE call_id = 'after'").run();
    expect(() => db.prepare("UPDATE call_journal SET picked_up_by = '' WHERE call_id = 'after'").run()).toThrow(
      /CHECK/,
    );
    db.close();
  });

  it('re-running is a no-op (runner and up() itself)', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, upTo(11));
    const before = schemaSnapshot(db);
    expect(runMigrations(db, upTo(11)).applied).toEqual([]);
    migration0011JournalPickedUpBy.up(db);
    expect(schemaSnapshot(db)).toEqual(before);
    db.close();
  });
});
