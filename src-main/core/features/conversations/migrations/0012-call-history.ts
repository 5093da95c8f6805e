import type { Migration } from '../../../platform/db/migration';

/**
 * The server's call history, cached (issue #13): shows offline, and a reinstall pulls it back.
 *
 * - `call_history`: one row per server record of `account` (`origin|user`), as GET /calls gave it
 *   (`record` JSON) plus the columns the queries need; a tombstone from the server deletes the row;
 * - `call_history_outbox`: read marks and deletions made here, sent in `id` order (idempotent on the
 *   server, so a resend after a crash or a lost reply is harmless);
 * - `call_history_sync`: the pull cursor (server revision) per account.
 */
export const migration0012CallHistory: Migration = {
  version: 12,
  name: 'call-history',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS call_history (
        account     TEXT    NOT NULL CHECK (length(account) >= 1),
        id          INTEGER NOT NULL CHECK (id > 0),
        peer        TEXT    NOT NULL CHECK (length(peer) BETWEEN 1 AND 128),
        started_at  INTEGER NOT NULL,
        unread      INTEGER NOT NULL CHECK (unread IN (0, 1)),
        record      TEXT    NOT NULL,
        PRIMARY KEY (account, id)
      );
      CREATE INDEX IF NOT EXISTS call_history_peer ON call_history (account, peer, started_at);
      CREATE TABLE IF NOT EXISTS call_history_outbox (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        account          TEXT    NOT NULL CHECK (length(account) >= 1),
        body             TEXT    NOT NULL,
        kind             TEXT    NOT NULL CHECK (kind IN ('read', 'delete')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  INTEGER NOT NULL DEFAULT 0,
        created_at       INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS call_history_sync (
        account   TEXT    PRIMARY KEY,
        revision  INTEGER NOT NULL CHECK (revision >= 0)
      );
    `);
  },
};
