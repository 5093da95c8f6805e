import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../../../src-main/core/platform/db/database-open-error';
import { allMigrations } from '../../../../src-main/core/app/client-migrations';
import { openDatabase } from '../../../../src-main/core/platform/db/open-database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function openError(path: string): DatabaseOpenError {
  try {
    openDatabase(path, { migrations: allMigrations }).close();
  } catch (error) {
    if (error instanceof DatabaseOpenError) return error;
    throw error;
  }
  throw new Error('openDatabase did not throw');
}

describe('openDatabase', () => {
  it('creates a file database (and its folder) in WAL mode, FULL sync, FKs on, fully migrated', () => {
    const path = join(dir, 'nested', 'cache.sqlite');
    const db = openDatabase(path, { migrations: allMigrations, busyTimeoutMs: 1234 });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 = FULL: an acknowledged write (outbox, unsent messages) survives a power loss too
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(db.pragma('user_version', { simple: true })).toBe(allMigrations.length);
    } finally {
      db.close();
    }
  });

  it('keeps committed data across close/reopen and re-opening migrates nothing', () => {
    const path = join(dir, 'cache.sqlite');
    const first = openDatabase(path, { migrations: allMigrations });
    first.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"fr\"')").run();
    first.close();
    const second = openDatabase(path, { migrations: allMigrations });
    try {
      expect(second.prepare('SELECT value FROM settings').pluck().get()).toBe('"fr"');
      expect(second.pragma('user_version', { simple: true })).toBe(allMigrations.length);
    } finally {
      second.close();
    }
  });

  it('opens :memory: databases', () => {
    const db = openDatabase(':memory:', { migrations: allMigrations });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(allMigrations.length);
    } finally {
      db.close();
    }
  });

  it('refuses a non-SQLite file with a clear error and leaves it untouched', () => {
    const path = join(dir, 'cache.sqlite');
    const content = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(path, content);
    const error = openError(path);
    expect(error.kind).toBe('not-a-database');
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not a Switchboard database.*left untouched/);
    expect(readFileSync(path, 'utf8')).toBe(content);
  });

  it('reports a damaged SQLite file as corrupt, never silently recreating it', () => {
    const path = join(dir, 'cache.sqlite');
    const db = openDatabase(path, { migrations: allMigrations });
    db.pragma('journal_mode = DELETE'); // everything in the main file
    db.close();
    const bytes = readFileSync(path);
    // Keep the valid header, scramble the schema page and beyond.
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    writeFileSync(path, bytes);
    const error = openError(path);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain('left untouched');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a database written by a newer version', () => {
    const path = join(dir, 'cache.sqlite');
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${allMigrations.length + 5}`);
    raw.close();
    const error = openError(path);
    expect(error.kind).toBe('too-new');
    expect(error.message).toMatch(/newer Switchboard/);
  });

  it('reports an unusable path as cannot-open', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    // A path under a regular file cannot be created.
    const error = openError(join(file, 'sub', 'cache.sqlite'));
    expect(error.kind).toBe('cannot-open');
  });
});
