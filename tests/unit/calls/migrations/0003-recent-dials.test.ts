import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../../../../src-main/core/app/client-migrations';
import { migration0003RecentDials } from '../../../../src-main/core/features/calls/migrations/0003-recent-dials';
import { runMigrations } from '../../../../src-main/core/platform/db/run-migrations';
import { columnsOf, schemaSnapshot } from '../../../support/schema-snapshot';

function migrated() {
  const db = new BetterSqlite3(':memory:');
  runMigrations(db, allMigrations.slice(0, 3));
  return db;
}

describe('migration 0003 recent-dials', () => {
  it('is version 3 and creates recent_dials', () => {
    expect(migration0003RecentDials.version).toBe(3);
    const db = migrated();
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(columnsOf(db, 'recent_dials')).toEqual({
      id: { type: 'INTEGER', notnull: false, pk: 1 },
      target: { type: 'TEXT', notnull: true, pk: 0 },
      dialed_at: { type: 'INTEGER', notnull: true, pk: 0 },
    });
    db.close();
  });

  it('keeps targets distinct and non-empty', () => {
    const db = migrated();
    const insert = db.prepare('INSERT INTO recent_dials (target, dialed_at) VALUES (?, ?)');
    insert.run('101', 1);
    expect(() => insert.run('101', 2)).toThrow(/UNIQUE/);
    expect(() => insert.run('', 3)).toThrow(/CHECK/);
    db.close();
  });

  it('re-running is a no-op (runner and up() itself)', () => {
    const db = migrated();
    db.prepare('INSERT INTO recent_dials (target, dialed_at) VALUES (?, ?)').run('101', 1);
    const before = schemaSnapshot(db);
    expect(runMigrations(db, allMigrations.slice(0, 3)).applied).toEqual([]);
    migration0003RecentDials.up(db);
    expect(schemaSnapshot(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM recent_dials').pluck().get()).toBe(1);
    db.close();
  });
});
