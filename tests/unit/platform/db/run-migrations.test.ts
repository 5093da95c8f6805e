import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../../../src-main/core/platform/db/database-open-error';
import type { Migration } from '../../../../src-main/core/platform/db/migration';
import { allMigrations } from '../../../../src-main/core/app/client-migrations';
import { readUserVersion, runMigrations } from '../../../../src-main/core/platform/db/run-migrations';

const open: Database[] = [];
function memoryDb(): Database {
  const db = new BetterSqlite3(':memory:');
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** Migrations that log their order and create one table each. */
function recordingMigrations(log: string[], count: number): Migration[] {
  return Array.from({ length: count }, (_, i) => ({
    version: i + 1,
    name: `step-${i + 1}`,
    up(db: Database) {
      log.push(`step-${i + 1}`);
      db.exec(`CREATE TABLE t${i + 1} (x)`);
    },
  }));
}

describe('runMigrations', () => {
  it('applies pending migrations in order and records user_version', () => {
    const db = memoryDb();
    const log: string[] = [];
    const report = runMigrations(db, recordingMigrations(log, 3));
    expect(log).toEqual(['step-1', 'step-2', 'step-3']);
    expect(report).toEqual({ from: 0, to: 3, applied: ['step-1', 'step-2', 'step-3'] });
    expect(readUserVersion(db)).toBe(3);
  });

  it('only applies migrations above the current version, and is a no-op when up to date', () => {
    const db = memoryDb();
    const log: string[] = [];
    runMigrations(db, recordingMigrations(log, 2));
    log.length = 0;
    expect(runMigrations(db, recordingMigrations(log, 3)).applied).toEqual(['step-3']);
    expect(log).toEqual(['step-3']);
    log.length = 0;
    expect(runMigrations(db, recordingMigrations(log, 3))).toEqual({ from: 3, to: 3, applied: [] });
    expect(log).toEqual([]);
  });

  it('refuses a database newer than the code, without touching it', () => {
    const db = memoryDb();
    db.pragma('user_version = 7');
    const log: string[] = [];
    let caught: unknown;
    try {
      runMigrations(db, recordingMigrations(log, 3));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseOpenError);
    expect((caught as DatabaseOpenError).kind).toBe('too-new');
    expect((caught as DatabaseOpenError).message).toMatch(/schema version 7 .* only knows up to 3/);
    expect(log).toEqual([]);
    expect(readUserVersion(db)).toBe(7);
  });

  it('rolls back a failing migration and keeps the earlier ones', () => {
    const db = memoryDb();
    const migrations: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x)') },
      {
        version: 2,
        name: 'broken',
        up: (d) => {
          d.exec('CREATE TABLE b (x)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => runMigrations(db, migrations)).toThrow(/version 2 \(broken\) failed: boom.*rolled back/);
    expect(readUserVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['a']);
  });

  it('rejects a migration list that is not numbered 1..n', () => {
    const db = memoryDb();
    const noop = () => undefined;
    expect(() =>
      runMigrations(db, [
        { version: 1, name: 'a', up: noop },
        { version: 3, name: 'c', up: noop },
      ]),
    ).toThrow(/out of order/);
    expect(() => runMigrations(db, [{ version: 1, name: 'Bad Name', up: noop }])).toThrow(/invalid name/);
    expect(readUserVersion(db)).toBe(0);
  });

  it('the real migration list is numbered 1..n with names matching the files', () => {
    expect(allMigrations.map((m) => m.version)).toEqual(allMigrations.map((_, i) => i + 1));
    expect(allMigrations.map((m) => m.name)).toEqual([
      'call-journal',
      'settings',
      'recent-dials',
      'directory-cache',
      'outbox',
      'sync-state',
      'photo-cache',
      'messages',
      'message-error-code',
      'favorites',
      'journal-picked-up-by',
      'call-history',
      'message-delete-outbox',
    ]);
  });
});
