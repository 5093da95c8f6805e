import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allMigrations, openAccountDatabase } from '../../../../src-main/core/app/client-migrations';

let db: Database;
afterEach(() => db.close());

const addItem = (kind: string, key: string, text: string | null, upTo: number | null) =>
  db
    .prepare(
      `INSERT INTO message_outbox (account, kind, idempotency_key, peer, text, up_to, created_at)
       VALUES ('a|100', ?, ?, '101', ?, ?, 1)`,
    )
    .run(kind, key.padEnd(36, '0'), text, upTo);

describe('migration 0013 message-delete-outbox', () => {
  const index = allMigrations.findIndex((m) => m.version === 13);
  beforeEach(() => {
    db = openAccountDatabase(':memory:', { migrations: allMigrations.slice(0, index) });
  });

  it('is version 13; keeps the waiting sends and read marks in order; takes delete items', () => {
    expect(allMigrations[index]).toMatchObject({ version: 13, name: 'message-delete-outbox' });
    addItem('send', 'k1', 'Bonjour', null);
    addItem('read', 'k2', null, 7);
    expect(() => addItem('delete', 'k3', '{"id":1}', null)).toThrow(/CHECK/);
    allMigrations[index]!.up(db);
    addItem('delete', 'k3', '{"id":1}', null);
    expect(db.prepare('SELECT kind, text, up_to FROM message_outbox ORDER BY id').all()).toEqual([
      { kind: 'send', text: 'Bonjour', up_to: null },
      { kind: 'read', text: null, up_to: 7 },
      { kind: 'delete', text: '{"id":1}', up_to: null },
    ]);
    // a delete item needs its body; unknown kinds are still refused
    expect(() => addItem('delete', 'k4', null, null)).toThrow(/CHECK/);
    expect(() => addItem('purge', 'k5', 'x', null)).toThrow(/CHECK/);
  });
});
