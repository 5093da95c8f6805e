import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allMigrations, openAccountDatabase } from '../../../../src-main/core/app/client-migrations';

let db: Database;
beforeEach(() => {
  db = openAccountDatabase(':memory:', { migrations: allMigrations.slice(0, 8) });
});
afterEach(() => db.close());

const KEY = '0b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10';

const insertMessage = (values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO messages (account, server_id, client_key, peer, direction, text, sent_at, status)
       VALUES (@account, @serverId, @clientKey, @peer, @direction, @text, 1, @status)`,
    )
    .run({
      account: 'a|100',
      serverId: 1,
      clientKey: null,
      peer: '101',
      direction: 'in',
      text: 'Bonjour',
      status: 'sent',
      ...values,
    });

const insertOutbox = (values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO message_outbox (account, kind, idempotency_key, peer, text, up_to, created_at)
       VALUES (@account, @kind, @key, @peer, @text, @upTo, 1)`,
    )
    .run({ account: 'a|100', kind: 'send', key: KEY, peer: '101', text: 'Bonjour', upTo: null, ...values });

describe('migration 0008 messages', () => {
  it('is version 8, creates the tables and is idempotent', () => {
    expect(allMigrations[7]).toMatchObject({ version: 8, name: 'messages' });
    for (const t of ['messages', 'message_outbox', 'message_sync']) {
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(t)).toBe(1);
    }
    expect(() => allMigrations[7]!.up(db)).not.toThrow();
  });

  it('one row per server message and per client key of an account; checked values', () => {
    insertMessage({});
    expect(() => insertMessage({})).toThrow(/UNIQUE/);
    insertMessage({ account: 'b|100' }); // another account may hold the same server message
    insertMessage({ serverId: null, clientKey: KEY, direction: 'out', status: 'pending' });
    expect(() => insertMessage({ serverId: null, clientKey: KEY, direction: 'out', status: 'pending' })).toThrow(
      /UNIQUE/,
    );
    // several pending rows without a server id are fine (NULLs are distinct)
    insertMessage({
      serverId: null,
      clientKey: '1b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10',
      direction: 'out',
      status: 'pending',
    });
    expect(() => insertMessage({ serverId: 5, direction: 'sideways' })).toThrow(/CHECK/);
    expect(() => insertMessage({ serverId: 6, status: 'lost' })).toThrow(/CHECK/);
    expect(() => insertMessage({ serverId: 7, text: '' })).toThrow(/CHECK/);
    expect(() => insertMessage({ serverId: 8, text: 'x'.repeat(4001) })).toThrow(/CHECK/);
    expect(() => insertMessage({ serverId: 9, peer: '' })).toThrow(/CHECK/);
    expect(db.prepare('SELECT read FROM messages WHERE server_id = 1 LIMIT 1').pluck().get()).toBe(0);
  });

  it('constrains the outbox: known kinds, UUID keys, text for sends, up_to for reads', () => {
    insertOutbox({});
    expect(() => insertOutbox({})).toThrow(/UNIQUE/);
    expect(() => insertOutbox({ key: 'short' })).toThrow(/CHECK/);
    expect(() => insertOutbox({ key: '2b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10', kind: 'edit' })).toThrow(/CHECK/);
    expect(() => insertOutbox({ key: '3b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10', text: null })).toThrow(/CHECK/);
    expect(() => insertOutbox({ key: '4b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10', kind: 'read', text: null })).toThrow(
      /CHECK/,
    );
    insertOutbox({ key: '5b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10', kind: 'read', text: null, upTo: 12 });
    expect(db.prepare('SELECT attempts, next_attempt_at FROM message_outbox ORDER BY id LIMIT 1').get()).toEqual({
      attempts: 0,
      next_attempt_at: 0,
    });
  });

  it('message_sync: one cursor per account, never negative', () => {
    db.prepare("INSERT INTO message_sync (account, revision) VALUES ('a|100', 3)").run();
    expect(() => db.prepare("INSERT INTO message_sync (account, revision) VALUES ('a|100', 4)").run()).toThrow(
      /UNIQUE|PRIMARY/,
    );
    expect(() => db.prepare("INSERT INTO message_sync (account, revision) VALUES ('b|100', -1)").run()).toThrow(
      /CHECK/,
    );
  });
});
