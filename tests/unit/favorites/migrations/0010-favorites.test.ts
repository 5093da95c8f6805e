import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allMigrations, openAccountDatabase } from '../../../../src-main/core/app/client-migrations';
import { columnsOf } from '../../../support/schema-snapshot';

let db: Database;
afterEach(() => db.close());

describe('migration 0010 favorites', () => {
  beforeEach(() => {
    db = openAccountDatabase(':memory:', { migrations: allMigrations.slice(0, 9) });
  });

  it('is version 10, creates the cache and the outbox, and is idempotent', () => {
    expect(allMigrations[9]).toMatchObject({ version: 10, name: 'favorites' });
    allMigrations[9]!.up(db);
    expect(Object.keys(columnsOf(db, 'favorites_cache')).sort()).toEqual(['account', 'groups', 'version']);
    expect(Object.keys(columnsOf(db, 'favorites_outbox')).sort()).toEqual(
      ['account', 'attempts', 'change', 'created_at', 'id', 'idempotency_key', 'last_error', 'next_attempt_at'].sort(),
    );
    expect(() => allMigrations[9]!.up(db)).not.toThrow();
  });

  it('one cache row per account; one outbox row per Idempotency-Key', () => {
    allMigrations[9]!.up(db);
    db.prepare("INSERT INTO favorites_cache (account, version, groups) VALUES ('a|100', 1, '[]')").run();
    expect(() => db.prepare("INSERT INTO favorites_cache (account) VALUES ('a|100')").run()).toThrow(/UNIQUE|PRIMARY/);
    const key = '0f8e6a8e-6a55-4d5e-9a39-2d0b1c7b3a11';
    const add = db.prepare(
      "INSERT INTO favorites_outbox (account, idempotency_key, change, created_at) VALUES ('a|100', ?, '{}', 1)",
    );
    add.run(key);
    expect(() => add.run(key)).toThrow(/UNIQUE/);
    expect(() => add.run('short')).toThrow(/CHECK/);
  });
});
