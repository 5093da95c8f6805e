import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../../../../src-main/core/app/client-migrations';
import { migration0002Settings } from '../../../../src-main/core/features/settings/migrations/0002-settings';
import { runMigrations } from '../../../../src-main/core/platform/db/run-migrations';
import { columnsOf, schemaSnapshot } from '../../../support/schema-snapshot';

function migrated() {
  const db = new BetterSqlite3(':memory:');
  runMigrations(db, allMigrations.slice(0, 2));
  return db;
}

describe('migration 0002 settings', () => {
  it('is version 2 and creates the settings key/value table', () => {
    expect(migration0002Settings.version).toBe(2);
    const db = migrated();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(columnsOf(db, 'settings')).toEqual({
      key: { type: 'TEXT', notnull: true, pk: 1 },
      value: { type: 'TEXT', notnull: true, pk: 0 },
    });
    db.close();
  });

  it('keeps one row per key and only accepts JSON values', () => {
    const db = migrated();
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    insert.run('language', '"en"');
    expect(() => insert.run('language', '"fr"')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('other', 'not json')).toThrow(/CHECK/);
    db.close();
  });

  it('re-running is a no-op (runner and up() itself)', () => {
    const db = migrated();
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('language', '"fr"');
    const before = schemaSnapshot(db);
    expect(runMigrations(db, allMigrations.slice(0, 2)).applied).toEqual([]);
    migration0002Settings.up(db);
    expect(schemaSnapshot(db)).toEqual(before);
    expect(db.prepare('SELECT value FROM settings').pluck().get()).toBe('"fr"');
    db.close();
  });
});
