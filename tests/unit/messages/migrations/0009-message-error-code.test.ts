import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allMigrations, openAccountDatabase } from '../../../../src-main/core/app/client-migrations';
import { columnsOf } from '../../../support/schema-snapshot';

let db: Database;
afterEach(() => db.close());

const insertFailed = (errorCode: string | null) =>
  db
    .prepare(
      `INSERT INTO messages (account, server_id, client_key, peer, direction, text, sent_at, status, error, error_code)
       VALUES ('a|100', NULL, ?, '999', 'out', 'Allô ?', 1, 'failed', 'No internal user 999', ?)`,
    )
    .run(`key-${Math.random()}`, errorCode);

describe('migration 0009 message-error-code', () => {
  beforeEach(() => {
    db = openAccountDatabase(':memory:', { migrations: allMigrations.slice(0, 8) });
  });

  it('is version 9, adds messages.error_code (nullable text), keeps existing rows, and is idempotent', () => {
    expect(allMigrations[8]).toMatchObject({ version: 9, name: 'message-error-code' });
    db.prepare(
      `INSERT INTO messages (account, server_id, peer, direction, text, sent_at, status, error)
       VALUES ('a|100', 1, '101', 'in', 'Bonjour', 1, 'sent', NULL)`,
    ).run();
    expect(columnsOf(db, 'messages').error_code).toBeUndefined();
    allMigrations[8]!.up(db);
    expect(columnsOf(db, 'messages').error_code).toEqual({ type: 'TEXT', notnull: false, pk: 0 });
    expect(db.prepare('SELECT text, error_code FROM messages').get()).toEqual({ text: 'Bonjour', error_code: null });
    expect(() => allMigrations[8]!.up(db)).not.toThrow();
  });

  it('stores a short code; refuses an oversized one', () => {
    allMigrations[8]!.up(db);
    insertFailed('not-found');
    insertFailed(null);
    expect(() => insertFailed('x'.repeat(65))).toThrow(/CHECK/);
    expect(db.prepare('SELECT error_code FROM messages ORDER BY local_id').pluck().all()).toEqual(['not-found', null]);
  });
});
