import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../../../../src-main/core/app/client-migrations';
import { migration0004DirectoryCache } from '../../../../src-main/core/features/directory/migrations/0004-directory-cache';
import { runMigrations } from '../../../../src-main/core/platform/db/run-migrations';
import { columnsOf, schemaSnapshot } from '../../../support/schema-snapshot';

function migrated() {
  const db = new BetterSqlite3(':memory:');
  runMigrations(db, allMigrations.slice(0, 4));
  return db;
}

const insert = `INSERT INTO directory_entries (rid, id, source, display_name, company, numbers, number_digits, updated_at)
  VALUES (@rid, @id, @source, @name, @company, @numbers, @digits, 1)`;

function row(overrides: Record<string, unknown> = {}) {
  return {
    rid: 1,
    id: 'internal:1',
    source: 'internal',
    name: 'Bruno Müller',
    company: null,
    numbers: '[]',
    digits: '',
    ...overrides,
  };
}

function ftsRowIds(db: BetterSqlite3.Database, table: string, match: string): number[] {
  return db
    .prepare<[string], number>(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`)
    .pluck()
    .all(match);
}

describe('migration 0004 directory-cache', () => {
  it('is version 4 and creates the entries table, its FTS5 indexes and the meta row', () => {
    expect(migration0004DirectoryCache.version).toBe(4);
    const db = migrated();
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(columnsOf(db, 'directory_entries')).toEqual({
      id: { type: 'TEXT', notnull: true, pk: 1 },
      rid: { type: 'INTEGER', notnull: true, pk: 0 },
      source: { type: 'TEXT', notnull: true, pk: 0 },
      display_name: { type: 'TEXT', notnull: true, pk: 0 },
      first_name: { type: 'TEXT', notnull: false, pk: 0 },
      last_name: { type: 'TEXT', notnull: false, pk: 0 },
      company: { type: 'TEXT', notnull: false, pk: 0 },
      email: { type: 'TEXT', notnull: false, pk: 0 },
      numbers: { type: 'TEXT', notnull: true, pk: 0 },
      number_digits: { type: 'TEXT', notnull: true, pk: 0 },
      photo_url: { type: 'TEXT', notnull: false, pk: 0 },
      hand_edited: { type: 'INTEGER', notnull: true, pk: 0 },
      updated_at: { type: 'INTEGER', notnull: true, pk: 0 },
      pending_sync: { type: 'INTEGER', notnull: true, pk: 0 },
    });
    const names = schemaSnapshot(db).map((o) => `${o.type}:${o.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'index:directory_entries_source',
        'table:directory_fts',
        'table:directory_number_fts',
        'table:directory_meta',
        'trigger:directory_entries_fts_insert',
        'trigger:directory_entries_fts_delete',
        'trigger:directory_entries_fts_update',
        'trigger:directory_entries_number_fts_update',
      ]),
    );
    expect(db.prepare("SELECT value FROM directory_meta WHERE key = 'revision'").pluck().get()).toBe(0);
    db.close();
  });

  it('has FTS5 with unicode61 remove_diacritics 2: case and diacritics folded both ways', () => {
    const db = migrated();
    expect(db.prepare("SELECT sqlite_compileoption_used('ENABLE_FTS5')").pluck().get()).toBe(1);
    db.prepare(insert).run(row({ rid: 1, name: 'Bruno Müller' }));
    db.prepare(insert).run(row({ rid: 2, id: 'internal:2', name: 'Francois Dupont' }));
    expect(ftsRowIds(db, 'directory_fts', 'muller')).toEqual([1]);
    expect(ftsRowIds(db, 'directory_fts', 'MÜLLER')).toEqual([1]);
    expect(ftsRowIds(db, 'directory_fts', 'françois')).toEqual([2]);
    expect(ftsRowIds(db, 'directory_fts', 'mü*')).toEqual([1]);
    db.close();
  });

  it('keeps both indexes in sync on insert, update and delete (triggers)', () => {
    const db = migrated();
    db.prepare(insert).run(row({ digits: '4989700798765 089700798765' }));
    expect(ftsRowIds(db, 'directory_number_fts', '4989*')).toEqual([1]);
    db.prepare("UPDATE directory_entries SET display_name = 'Anna Schmidt', number_digits = '100' WHERE rid = 1").run();
    expect(ftsRowIds(db, 'directory_fts', 'muller')).toEqual([]);
    expect(ftsRowIds(db, 'directory_fts', 'schmidt')).toEqual([1]);
    expect(ftsRowIds(db, 'directory_number_fts', '4989*')).toEqual([]);
    expect(ftsRowIds(db, 'directory_number_fts', '10*')).toEqual([1]);
    // A new rowid moves the index entry with it.
    db.prepare('UPDATE directory_entries SET rid = 7 WHERE rid = 1').run();
    expect(ftsRowIds(db, 'directory_fts', 'schmidt')).toEqual([7]);
    expect(ftsRowIds(db, 'directory_number_fts', '100')).toEqual([7]);
    db.prepare('DELETE FROM directory_entries').run();
    expect(ftsRowIds(db, 'directory_fts', 'schmidt')).toEqual([]);
    expect(ftsRowIds(db, 'directory_number_fts', '100')).toEqual([]);
    // The index is consistent with its content table.
    db.exec("INSERT INTO directory_fts (directory_fts, rank) VALUES ('integrity-check', 1)");
    db.exec("INSERT INTO directory_number_fts (directory_number_fts, rank) VALUES ('integrity-check', 1)");
    db.close();
  });

  it('constrains ids, sources, flags, numbers and the source bits of the row id', () => {
    const db = migrated();
    const run = (overrides: Record<string, unknown>) => db.prepare(insert).run(row(overrides));
    run({});
    expect(() => run({ rid: 2 })).toThrow(/UNIQUE/); // same id
    expect(() => run({ id: 'internal:2' })).toThrow(/UNIQUE/); // same rid
    expect(() => run({ rid: 3, id: '' })).toThrow(/CHECK/);
    expect(() => run({ rid: 4, id: 'x:4', source: 'ldap' })).toThrow(/CHECK/);
    expect(() => run({ rid: 5, id: 'x:5', numbers: '{"not":"an array"}' })).toThrow(/CHECK/);
    expect(() => run({ rid: 6, id: 'x:6', numbers: 'not json' })).toThrow(/CHECK/);
    // Bits 60-61 of the row id must name the source (global = 3).
    expect(() => run({ rid: 8, id: 'global:8', source: 'global' })).toThrow(/CHECK/);
    run({ rid: (3n << 60n) + 8n, id: 'global:8', source: 'global' });
    expect(() =>
      db
        .prepare(
          "INSERT INTO directory_entries (rid, id, source, display_name, updated_at, pending_sync) VALUES (9, 'i:9', 'internal', 'x', 1, 2)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('re-running is a no-op (runner and up() itself)', () => {
    const db = migrated();
    db.prepare(insert).run(row());
    db.prepare("UPDATE directory_meta SET value = 42 WHERE key = 'revision'").run();
    const before = schemaSnapshot(db);
    expect(runMigrations(db, allMigrations.slice(0, 4)).applied).toEqual([]);
    migration0004DirectoryCache.up(db);
    expect(schemaSnapshot(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM directory_entries').pluck().get()).toBe(1);
    expect(db.prepare("SELECT value FROM directory_meta WHERE key = 'revision'").pluck().get()).toBe(42);
    expect(ftsRowIds(db, 'directory_fts', 'muller')).toEqual([1]);
    db.close();
  });
});
