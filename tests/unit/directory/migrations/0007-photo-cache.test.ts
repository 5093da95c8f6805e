import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allMigrations, openAccountDatabase } from '../../../../src-main/core/app/client-migrations';
import { columnsOf, schemaSnapshot } from '../../../support/schema-snapshot';

let db: Database;
beforeEach(() => {
  db = openAccountDatabase(':memory:', { migrations: allMigrations.slice(0, 7) });
});
afterEach(() => db.close());

const insert = (values: Record<string, unknown>) =>
  db
    .prepare('INSERT INTO photos (url, mime, bytes, etag, fetched_at) VALUES (@url, @mime, @bytes, @etag, @fetchedAt)')
    .run({
      url: '/api/v1/photos/100?v=a',
      mime: 'image/png',
      bytes: Buffer.from([0x89, 0, 0xff]),
      etag: 'a',
      fetchedAt: 1,
      ...values,
    });

describe('migration 0007 photo-cache', () => {
  it('creates photos(url pk, mime, bytes, etag, fetched_at) and is idempotent', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(columnsOf(db, 'photos')).toEqual({
      url: { type: 'TEXT', notnull: true, pk: 1 },
      mime: { type: 'TEXT', notnull: true, pk: 0 },
      bytes: { type: 'BLOB', notnull: true, pk: 0 },
      etag: { type: 'TEXT', notnull: true, pk: 0 },
      fetched_at: { type: 'INTEGER', notnull: true, pk: 0 },
    });
    const before = schemaSnapshot(db);
    allMigrations[6]!.up(db);
    expect(schemaSnapshot(db)).toEqual(before);
  });

  it('keeps bytes exactly, one row per URL, PNG/JPEG only', () => {
    insert({});
    expect(() => insert({})).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert({ url: 'b', mime: 'image/gif' })).toThrow(/CHECK/);
    insert({ url: 'c', mime: 'image/jpeg' });
    const row = db
      .prepare<[], { bytes: Buffer }>("SELECT bytes FROM photos WHERE url = '/api/v1/photos/100?v=a'")
      .get();
    expect([...row!.bytes]).toEqual([0x89, 0, 0xff]);
  });
});
