import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allMigrations, openAccountDatabase } from '../../../../src-main/core/app/client-migrations';

let db: Database;
beforeEach(() => {
  db = openAccountDatabase(':memory:', { migrations: allMigrations.slice(0, 6) });
});
afterEach(() => db.close());

const insertOutbox = (values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO outbox (account, idempotency_key, op, entity_id, fields, previous, created_at)
       VALUES (@account, @key, @op, @entity, @fields, @previous, 1)`,
    )
    .run({
      account: 'a|100',
      key: '0b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10',
      op: 'create',
      entity: 'personal:x',
      fields: '{}',
      previous: null,
      ...values,
    });

describe('migrations 0005 outbox and 0006 sync-state', () => {
  it('creates the tables and is idempotent', () => {
    for (const t of ['outbox', 'outbox_rejected', 'sync_state', 'sync_deferred']) {
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(t)).toBe(1);
    }
    expect(() => allMigrations[4]!.up(db)).not.toThrow();
    expect(() => allMigrations[5]!.up(db)).not.toThrow();
  });

  it('constrains the outbox: known ops, UUID-sized unique keys, JSON fields', () => {
    insertOutbox({});
    expect(() => insertOutbox({})).toThrow(/UNIQUE/);
    expect(() => insertOutbox({ key: '1b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10', op: 'upsert' })).toThrow(/CHECK/);
    expect(() => insertOutbox({ key: 'short' })).toThrow(/CHECK/);
    expect(() => insertOutbox({ key: '2b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10', fields: '{oops' })).toThrow(/CHECK/);
    expect(db.prepare('SELECT attempts, next_attempt_at FROM outbox').get()).toEqual({
      attempts: 0,
      next_attempt_at: 0,
    });
  });

  it('sync_state holds JSON values; sync_deferred one row per entity', () => {
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('account', '\"a|100\"')").run();
    expect(() => db.prepare("INSERT INTO sync_state (key, value) VALUES ('x', 'nope')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO sync_deferred (entity_id, revision, change) VALUES ('personal:x', 3, '{}')").run();
    expect(() =>
      db.prepare("INSERT INTO sync_deferred (entity_id, revision, change) VALUES ('personal:x', 4, '{}')").run(),
    ).toThrow(/UNIQUE|PRIMARY/);
  });
});
