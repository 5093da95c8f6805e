import type { Migration } from '../../../platform/db/migration';

/**
 * The outbox of local changes to personal contacts waiting for the UC
 * server's acknowledgement (SPEC K). A row is written in the same transaction
 * as the local cache change, and deleted in the same transaction as the
 * acknowledged result is applied, so a crash at any point loses nothing; the
 * `idempotency_key` (UUID) makes the resend after a crash harmless.
 *
 * - `account`: "server|user" the change belongs to (only that account sends it);
 * - `fields`: JSON ContactFields sent (NULL for delete);
 * - `previous`: JSON of the cached entry before the change (NULL if it did not
 *   exist), restored if the server refuses the change for good;
 * - `attempts`, `next_attempt_at` (epoch ms), `last_error`: retry bookkeeping.
 *
 * `outbox_rejected` keeps changes the server refused for good (4xx), with why.
 */
export const migration0005Outbox: Migration = {
  version: 5,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        account          TEXT    NOT NULL CHECK (length(account) >= 1),
        idempotency_key  TEXT    NOT NULL UNIQUE CHECK (length(idempotency_key) = 36),
        op               TEXT    NOT NULL CHECK (op IN ('create', 'patch', 'delete')),
        entity_id        TEXT    NOT NULL CHECK (length(entity_id) BETWEEN 1 AND 200),
        fields           TEXT    CHECK (fields IS NULL OR json_valid(fields)),
        previous         TEXT    CHECK (previous IS NULL OR json_valid(previous)),
        attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT,
        created_at       INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS outbox_account ON outbox (account, id);
      CREATE INDEX IF NOT EXISTS outbox_entity ON outbox (entity_id);
      CREATE TABLE IF NOT EXISTS outbox_rejected (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        account          TEXT    NOT NULL,
        idempotency_key  TEXT    NOT NULL,
        op               TEXT    NOT NULL,
        entity_id        TEXT    NOT NULL,
        fields           TEXT,
        status           INTEGER,
        error            TEXT    NOT NULL,
        rejected_at      INTEGER NOT NULL
      );
    `);
  },
};
